package dev.sessionkit.tomcat;

import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.RequestOrderingContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

/** Per-session request ordering on embedded Tomcat 11, whose async and error handling differ from Jetty's. */
@Tag("tomcat")
class TomcatRequestOrderingTest extends RequestOrderingContract {

    @Override
    protected SessionStore newStore() {
        return InMemorySessionStore.builder().build();
    }

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
