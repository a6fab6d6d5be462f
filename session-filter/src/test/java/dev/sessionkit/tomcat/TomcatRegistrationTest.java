package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.RegistrationContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;

class TomcatRegistrationTest extends RegistrationContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
