package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.RegistrationContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

@Tag("tomcat")
class TomcatRegistrationTest extends RegistrationContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
