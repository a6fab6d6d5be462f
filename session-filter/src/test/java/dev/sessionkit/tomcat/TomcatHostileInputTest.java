package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.HostileInputContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

@Tag("tomcat")
class TomcatHostileInputTest extends HostileInputContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
