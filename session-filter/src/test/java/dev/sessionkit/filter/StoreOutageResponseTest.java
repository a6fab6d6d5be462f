package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testapp.CapturedLog;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client gets when the store cannot be reached, whatever the application had begun, and how the
 * filter starts and closes its store. Through embedded Jetty.
 */
class StoreOutageResponseTest {

    private static final String SECRET = "outage-response-secret-0123456789abcdef";

    private final CookieClient browser = new CookieClient();
    private final DownStore store = new DownStore();
    private ServletContainer server;

    /** An in-memory store that can be switched off, and records its start and close. */
    private static final class DownStore extends ForwardingSessionStore {
        volatile boolean down;
        volatile StoreContext started;
        final AtomicInteger closed = new AtomicInteger();

        DownStore() {
            super(InMemorySessionStore.builder().build());
        }

        @Override
        public LoadResult load(String token, long now, long touchAfterMillis) {
            if (down) {
                throw new SessionStoreUnavailableException("store is down", new java.net.ConnectException("refused"));
            }
            return super.load(token, now, touchAfterMillis);
        }

        @Override
        public String save(dev.sessionkit.store.SessionData session, dev.sessionkit.store.SessionChanges changes) {
            if (down) {
                throw new SessionStoreUnavailableException("store is down", new java.net.ConnectException("refused"));
            }
            return super.save(session, changes);
        }

        @Override
        public void start(StoreContext context) {
            started = context;
            super.start(context);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            super.close();
        }
    }

    /** Begins a response, then needs the session: how far it gets before that is the parameter. */
    private static final class HalfwayServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            response.setHeader("X-Begun", "yes");
            response.setContentType("application/json");
            response.getWriter().write("{\"partial\":");
            switch (request.getPathInfo()) {
                case "/committed" -> {
                    response.flushBuffer();
                    request.getSession(true).setAttribute("a", "1");
                }
                case "/wrapped" -> {
                    try {
                        request.getSession(true);
                    } catch (SessionStoreUnavailableException e) {
                        throw new ServletException("the application wrapped it", e);
                    }
                }
                case "/broken" -> throw new IllegalStateException("a bug of the application's own");
                default -> request.getSession(true).setAttribute("a", "1");
            }
            response.getWriter().write("true}");
        }
    }

    private void start() {
        start(null);
    }

    private void start(dev.sessionkit.config.SessionLock lock) {
        dev.sessionkit.config.SessionConfigBuilder builder = SessionConfig.builder().secret(SECRET).secure(false).store(store)
                .absoluteTimeout(Duration.ofHours(5));
        SessionConfig config = (lock == null ? builder : builder.lock(lock)).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new HalfwayServlet(), "/h/*").start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOutageAnswerReplacesWhatTheApplicationHadBegun() {
        start();
        browser.get(server.uri("/h/plain"));
        assertNotNull(browser.cookie("SESSION"));
        store.down = true;
        HttpResponse<String> response = browser.get(server.uri("/h/plain"));
        assertEquals(503, response.statusCode());
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse("").toLowerCase());
        assertEquals("Session store unavailable; try again shortly.\n", response.body());
        assertTrue(response.headers().firstValue("X-Begun").isEmpty(), "the application's headers are reset");
    }

    @Test
    void theOutageAnswerReleasesTheSessionsLock() {
        start(new dev.sessionkit.config.SessionLock(Duration.ofSeconds(2), Duration.ofSeconds(60), 409));
        browser.get(server.uri("/h/plain"));
        store.down = true;
        assertEquals(503, browser.get(server.uri("/h/plain")).statusCode());
        store.down = false;

        HttpResponse<String> next = browser.get(server.uri("/h/plain"));
        assertEquals(200, next.statusCode(), "the next request of the session got its lock: " + next.body());
    }

    @Test
    void anOutageWrappedByTheApplicationIsStillAnOutage() {
        start();
        browser.get(server.uri("/h/plain"));
        store.down = true;
        assertEquals(503, browser.get(server.uri("/h/wrapped")).statusCode());
    }

    @Test
    void otherFailuresAreLeftToTheContainer() {
        start();
        assertEquals(500, browser.get(server.uri("/h/broken")).statusCode());
    }

    @Test
    void anOutageAfterTheResponseWasCommittedKeepsWhatWasSent() {
        start();
        browser.get(server.uri("/h/plain"));
        store.down = true;
        HttpResponse<String> response = browser.get(server.uri("/h/committed"));
        assertEquals(200, response.statusCode(), "a committed status cannot change");
        assertEquals("yes", response.headers().firstValue("X-Begun").orElse(null));
        assertTrue(response.body().startsWith("{\"partial\":"), response.body());
    }

    @Test
    void anOutageIsLoggedAsAWarningOnceAndThenQuietly() {
        start();
        browser.get(server.uri("/h/plain"));
        store.down = true;
        try (CapturedLog log = CapturedLog.of(SessionFilter.class.getName())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(503, browser.get(server.uri("/h/plain")).statusCode());
            }
            assertEquals(1, log.messages(Level.WARNING).stream().filter(m -> m.contains("unavailable")).count(),
                    String.valueOf(log.messages(Level.WARNING)));
        }
    }

    @Test
    void theFilterStartsTheStoreWithTheAbsoluteTimeoutAndClosesItOnDestroy() {
        start();
        assertNotNull(store.started, "init starts the store");
        assertEquals(Duration.ofHours(5), store.started.absoluteTimeout());
        assertEquals(0, store.closed.get());
        server.close();
        server = null;
        assertEquals(1, store.closed.get(), "destroy closes the store once");
    }
}
