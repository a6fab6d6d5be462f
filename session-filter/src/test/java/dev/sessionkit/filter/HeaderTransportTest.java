package dev.sessionkit.filter;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.Transport;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testapp.WebSocketContract;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code session.transport=header|both} through embedded Jetty, driven by java.net.http as an API or mobile
 * client does: it keeps the token itself and sends it back in a header.
 */
class HeaderTransportTest {

    private static final String SECRET = "header-secret-0123456789abcdefghijklmn";
    private static final String HEADER = "X-Session-Token";
    private final HttpClient http = HttpClient.newHttpClient();
    private ServletContainer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withHeaderTheTokenTravelsInTheHeaderAndNoCookieIsEverSet() throws Exception {
        start(Map.of("session.transport", "header"));

        HttpResponse<String> created = get("/s/set?name=a&value=1", null);
        String token = created.headers().firstValue(HEADER).orElse(null);
        assertNotNull(token, "a new session answers with its token");
        assertTrue(created.headers().allValues("Set-Cookie").isEmpty(), created.headers().map().toString());

        HttpResponse<String> read = get("/s/get?name=a", token);
        assertEquals("1", read.body());
        assertTrue(read.headers().firstValue(HEADER).isEmpty(), "an unchanged session sends no header");
        assertEquals("no-session", get("/s/get?name=a", null).body(), "without the header, no session");
        assertTrue(get("/s/info", token).body().contains("fromCookie=false"));

        HttpResponse<String> loggedOut = get("/s/invalidate", token);
        assertTrue(loggedOut.headers().allValues("Set-Cookie").isEmpty(), "not even to delete one");
    }

    @Test
    void rotationAnswersWithTheNewTokenAndTheOldOneIsDead() throws Exception {
        start(Map.of("session.transport", "header"));
        String before = get("/s/set?name=a&value=1", null).headers().firstValue(HEADER).orElseThrow();

        HttpResponse<String> login = get("/s/login?user=alice", before);
        String after = login.headers().firstValue(HEADER).orElseThrow(() -> new AssertionError("no new token"));

        assertNotEquals(before, after);
        assertEquals("1", get("/s/get?name=a", after).body());
        assertEquals("alice", get("/s/principal", after).body());
        assertTrue(get("/s/get?name=a", before).body().matches("no-session|null"), "the pre-login token opens nothing");
    }

    @Test
    void invalidationAnswersWithTheHeaderEmptyAndTheTokenIsDead() throws Exception {
        start(Map.of("session.transport", "header"));
        String token = get("/s/set?name=a&value=1", null).headers().firstValue(HEADER).orElseThrow();

        HttpResponse<String> logout = get("/s/invalidate", token);

        assertEquals(java.util.List.of(""), logout.headers().allValues(HEADER), "the header says: forget the token");
        assertEquals("no-session", get("/s/get?name=a", token).body());
    }

    @Test
    void aTamperedOrUnsignedHeaderGetsAFreshSessionNever500() throws Exception {
        start(Map.of("session.transport", "header"));
        String token = get("/s/set?name=a&value=1", null).headers().firstValue(HEADER).orElseThrow();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String unsigned = token.substring(0, token.indexOf('.'));

        for (String bad : new String[] {tampered, unsigned, "garbage", "x".repeat(4_000)}) {
            HttpResponse<String> response = get("/s/get?name=a", bad);
            assertEquals(200, response.statusCode());
            assertEquals("no-session", response.body(), bad);
        }
    }

    @Test
    void bothReadsEitherCarrierAndWritesBoth() throws Exception {
        start(Map.of("session.transport", "both", "session.header-name", "X-Auth-Token"));

        HttpResponse<String> created = get("/s/set?name=a&value=1", null);
        String token = created.headers().firstValue("X-Auth-Token").orElseThrow();
        String cookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("SESSION=" + token + ";"), "the cookie carries the same signed value: " + cookie);

        assertEquals("1", get("/s/get?name=a", token, "X-Auth-Token").body(), "by header");
        HttpRequest byCookie = HttpRequest.newBuilder(server.uri("/s/get?name=a")).header("Cookie", "SESSION=" + token).build();
        assertEquals("1", http.send(byCookie, HttpResponse.BodyHandlers.ofString()).body(), "by cookie");
    }

    @Test
    void onlyTheFirstFourValuesOfTheHeaderAreLookedAt() throws Exception {
        start(Map.of("session.transport", "header"));
        String token = get("/s/set?name=a&value=1", null).headers().firstValue(HEADER).orElseThrow();

        assertEquals("1", getWithValues("/s/get?name=a", "forged1", "forged2", "forged3", token).body(),
                "a valid fourth value is looked at");
        assertEquals("no-session", getWithValues("/s/get?name=a", "forged1", "forged2", "forged3", "forged4", token).body(),
                "a valid fifth value is not");
    }

    @Test
    void aHeaderThatDoesNotVerifyIsCountedAsABadSignatureAndAnEmptyOneIsNot() throws Exception {
        List<SessionMetrics.Rejection> rejections = new CopyOnWriteArrayList<>();
        SessionMetrics metrics = new SessionMetrics() {
            @Override
            public void rejected(Rejection reason) {
                rejections.add(reason);
            }
        };
        SessionConfig config = SessionConfig.builder().secret(SECRET).transport(Transport.HEADER).metrics(metrics)
                .store(InMemorySessionStore.builder().build()).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();

        assertEquals("no-session", get("/s/get?name=a", "forged").body());
        assertEquals(List.of(SessionMetrics.Rejection.BAD_SIGNATURE), rejections);
        assertEquals("no-session", get("/s/get?name=a", "").body());
        assertEquals(List.of(SessionMetrics.Rejection.BAD_SIGNATURE), rejections, "an empty header carries no token");
    }

    @Test
    void aWebSocketHandshakeFindsTheSessionByTheHeader() throws Exception {
        ServletContainerInitializer endpoint = (classes, context) -> {
            try {
                ((ServerContainer) context.getAttribute(ServerContainer.class.getName())).addEndpoint(
                        ServerEndpointConfig.Builder.create(WebSocketContract.SessionEcho.class, "/ws")
                                .configurator(new SessionWebSocketConfigurator()).build());
            } catch (DeploymentException e) {
                throw new IllegalStateException(e);
            }
        };
        server = JettyServer.builder().initializer(new JakartaWebSocketServletContainerInitializer()).initializer(endpoint)
                .filter(SessionFilter.class, Map.of("secret", SECRET, "session.transport", "header"), "/*")
                .servlet(new SessionServlet(), "/s/*").start();
        String token = get("/s/login?user=alice", null).headers().firstValue(HEADER).orElseThrow();

        assertEquals("alice", askOverWebSocket(token, "principal"));
    }

    @Test
    void aHeaderTransportNeedsAServerSideStoreAndAUsableHeaderName() {
        SessionException badValue = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(
                Map.of("secret", SECRET, "session.transport", "url"), name -> null));
        assertTrue(badValue.getMessage().contains("session.transport"), badValue.getMessage());
        assertThrows(SessionException.class, () -> SessionConfig.builder().headerName("Set-Cookie"));
        assertThrows(SessionException.class, () -> SessionConfig.builder().headerName("X-Token: evil"));
        assertEquals(Transport.COOKIE, SessionConfig.builder().secret(SECRET).build().transport());
    }

    private void start(Map<String, String> transport) {
        Map<String, String> params = new java.util.HashMap<>(transport);
        params.put("secret", SECRET);
        server = JettyServer.builder().filter(SessionFilter.class, params, "/*")
                .servlet(new SessionServlet(), "/s/*").start();
    }

    private HttpResponse<String> getWithValues(String path, String... values) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri(path).toString()));
        for (String value : values) {
            request.header(HEADER, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a WebSocket carrying the token in the session header, sends one message and answers the reply. */
    private String askOverWebSocket(String token, String message) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    answer.complete(text.toString());
                }
                socket.request(1);
                return null;
            }
        };
        URI uri = URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
        WebSocket socket = http.newWebSocketBuilder().header(HEADER, token).buildAsync(uri, listener).get(5, TimeUnit.SECONDS);
        try {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
            return answer.get(5, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return get(path, token, HEADER);
    }

    private HttpResponse<String> get(String path, String token, String header) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri(path).toString()));
        if (token != null) {
            request.header(header, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
