package dev.sessionkit.tomcat;

import dev.sessionkit.testapp.WebSocketContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import jakarta.servlet.ServletContainerInitializer;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.Tag;

/** The WebSocket contract on embedded Tomcat 11. */
@Tag("tomcat")
class TomcatWebSocketTest extends WebSocketContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }

    @Override
    protected ServletContainerInitializer webSocketInitializer() {
        return new WsSci();
    }
}
