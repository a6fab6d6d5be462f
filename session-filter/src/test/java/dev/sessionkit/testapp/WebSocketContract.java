package dev.sessionkit.testapp;

import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.SessionWebSocketConfigurator;
import dev.sessionkit.filter.WebSocketSession;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Jakarta WebSocket endpoint with {@link SessionWebSocketConfigurator}, on a real container, driven by
 * java.net.http's WebSocket client carrying the browser's session cookie.
 */
public abstract class WebSocketContract {

    private static final String SECRET = "websocket-secret-0123456789abcdefghijklmn";

    private ServletContainer server;
    private final CookieClient browser = new CookieClient();

    /** @return a builder for the container under test */
    protected abstract ContainerBuilder<?, ?> container();

    /** @return the container's WebSocket initializer (Jetty's or Tomcat's) */
    protected abstract ServletContainerInitializer webSocketInitializer();

    @BeforeEach
    void start() {
        ServletContainerInitializer endpoint = (classes, context) -> {
            try {
                ((ServerContainer) context.getAttribute(ServerContainer.class.getName())).addEndpoint(
                        ServerEndpointConfig.Builder.create(SessionEcho.class, "/ws")
                                .configurator(new SessionWebSocketConfigurator()).build());
            } catch (DeploymentException e) {
                throw new IllegalStateException(e);
            }
        };
        // A two-second idle timeout: a session the connection does not touch is gone within the test.
        server = container().initializer(webSocketInitializer()).initializer(endpoint)
                .filter(SessionFilter.class, Map.of("secret", SECRET, "cookie.secure", "false", "timeout.idle", "2s",
                        "touch.interval", "200ms"), "/*")
                .servlet(new SessionServlet(), "/s/*").start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theEndpointSeesTheLoggedInSessionOfTheHandshake() throws Exception {
        browser.get(server.uri("/s/set?name=cart&value=3"));
        browser.get(server.uri("/s/login?user=alice"));
        try (Client ws = connect(browser.cookie("SESSION"))) {
            assertEquals("alice", ws.ask("principal"));
            assertEquals("3", ws.ask("get:cart"));
        }
    }

    @Test
    void messagesThatTouchKeepTheSessionFromIdlingOut() throws Exception {
        browser.get(server.uri("/s/set?name=cart&value=3"));
        try (Client ws = connect(browser.cookie("SESSION"))) {
            for (int i = 0; i < 14; i++) { // 3.5 s of traffic on the socket, none over HTTP
                assertEquals("true", ws.ask("touch"), "message " + i);
                Thread.sleep(250);
            }
        }
        assertEquals("3", browser.get(server.uri("/s/get?name=cart")).body(), "alive past its 2 s idle timeout");
    }

    @Test
    void withoutTouchesTheSessionIdlesOutAndTheHandleSaysSo() throws Exception {
        browser.get(server.uri("/s/set?name=cart&value=3"));
        try (Client ws = connect(browser.cookie("SESSION"))) {
            Thread.sleep(3_000);
            assertEquals("false", ws.ask("touch"));
        }
    }

    @Test
    void aLogoutOverHttpEndsTheSessionTheConnectionHolds() throws Exception {
        browser.get(server.uri("/s/login?user=bob"));
        try (Client ws = connect(browser.cookie("SESSION"))) {
            assertEquals("true", ws.ask("touch"));
            browser.get(server.uri("/s/invalidate"));
            assertEquals("false", ws.ask("touch"));
        }
    }

    @Test
    void aHandshakeWithoutOrWithAForgedCookieHasNoSession() throws Exception {
        browser.get(server.uri("/s/login?user=carol"));
        String cookie = browser.cookie("SESSION");
        try (Client none = connect(null); Client forged = connect(cookie.substring(0, cookie.length() - 3) + "AAA")) {
            assertEquals("none", none.ask("principal"));
            assertEquals("none", forged.ask("principal"));
        }
    }

    @Test
    void twoConnectionsKeepTheirOwnSessions() throws Exception {
        CookieClient other = new CookieClient();
        browser.get(server.uri("/s/login?user=alice"));
        other.get(server.uri("/s/login?user=bob"));
        try (Client a = connect(browser.cookie("SESSION")); Client b = connect(other.cookie("SESSION"))) {
            assertEquals("alice", a.ask("principal"));
            assertEquals("bob", b.ask("principal"));
        }
    }

    private Client connect(String cookie) throws Exception {
        URI uri = URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
        return new Client(uri, cookie);
    }

    /** Answers each text message from the sessionkit session the handshake found. */
    public static final class SessionEcho extends Endpoint {
        @Override
        public void onOpen(Session connection, EndpointConfig config) {
            WebSocketSession session = SessionWebSocketConfigurator.session(connection).orElse(null);
            connection.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
                String answer;
                if (session == null) {
                    answer = "none";
                } else if (message.equals("principal")) {
                    answer = String.valueOf(session.principal());
                } else if (message.equals("touch")) {
                    answer = String.valueOf(session.touch());
                } else {
                    answer = String.valueOf(session.attribute(message.substring("get:".length())));
                }
                try {
                    connection.getBasicRemote().sendText(answer);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** A java.net.http WebSocket that hands over each text message it receives. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Client(URI uri, String cookie) throws Exception {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (cookie != null) {
                builder.header("Cookie", "SESSION=" + cookie);
            }
            socket = builder.buildAsync(uri, this).get(5, TimeUnit.SECONDS);
        }

        String ask(String message) throws Exception {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
            String answer = received.poll(5, TimeUnit.SECONDS);
            if (answer == null) {
                throw new AssertionError("no answer to " + message);
            }
            return answer;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).join();
        }
    }
}
