package dev.sessionkit.security;

import dev.sessionkit.testapp.HostileInputContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;

class JettyHostileInputTest extends HostileInputContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }
}
