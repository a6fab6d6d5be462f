package dev.sessionkit.store.cookie.tomcat;

import dev.sessionkit.store.cookie.RevocationFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

/** Revocation with the in-memory list, in embedded Tomcat. */
@Tag("tomcat")
class TomcatRevocationTest extends RevocationFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
