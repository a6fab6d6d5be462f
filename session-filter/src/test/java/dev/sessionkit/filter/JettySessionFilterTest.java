package dev.sessionkit.filter;

import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;

class JettySessionFilterTest extends SessionFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }
}
