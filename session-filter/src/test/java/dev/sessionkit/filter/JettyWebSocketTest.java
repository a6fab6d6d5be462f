package dev.sessionkit.filter;

import dev.sessionkit.testapp.WebSocketContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;
import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/** The WebSocket contract on embedded Jetty 12 (ee10). */
class JettyWebSocketTest extends WebSocketContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }

    @Override
    protected ServletContainerInitializer webSocketInitializer() {
        return new JakartaWebSocketServletContainerInitializer();
    }
}
