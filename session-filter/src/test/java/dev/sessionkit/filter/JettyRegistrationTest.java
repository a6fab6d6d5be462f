package dev.sessionkit.filter;

import dev.sessionkit.testapp.RegistrationContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;

class JettyRegistrationTest extends RegistrationContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }
}
