package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

@Tag("tomcat")
class TomcatSessionFilterTest extends SessionFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
