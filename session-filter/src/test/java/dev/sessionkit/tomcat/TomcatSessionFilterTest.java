package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;

class TomcatSessionFilterTest extends SessionFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
