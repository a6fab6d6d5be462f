package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionLock;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An async request's session is finished when the request completes, also after a second async cycle.
 * The session lock ({@code lock=true}) is released only then, so the next request of the session reads
 * what completion saved, with no race. Through embedded Jetty.
 */
class AsyncCompletionTest {

    private static final String SECRET = "async-completion-secret-0123456789abcde";

    private final CookieClient browser = new CookieClient();
    private ServletContainer server;

    /**
     * /set?value=: sets v. /get: answers v. /late?value=: async; sends its answer, then sets v and completes.
     * /twice?value=: starts async and dispatches; the dispatch starts a second cycle that does what /late does.
     */
    private static final class AsyncServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String value = request.getParameter("value");
            switch (request.getPathInfo()) {
                case "/set" -> {
                    request.getSession().setAttribute("v", value);
                    response.getWriter().write("set");
                }
                case "/get" -> response.getWriter().write(String.valueOf(request.getSession().getAttribute("v")));
                case "/late" -> late(request, value);
                case "/twice" -> {
                    if (request.getDispatcherType() == DispatcherType.ASYNC) {
                        late(request, value);
                    } else {
                        request.startAsync().dispatch();
                    }
                }
                default -> response.sendError(404);
            }
        }

        /** Answers first, then changes the session, then completes. */
        private static void late(HttpServletRequest request, String value) {
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    async.getResponse().getWriter().write("answered");
                    async.getResponse().flushBuffer();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ((HttpServletRequest) async.getRequest()).getSession().setAttribute("v", value);
                async.complete();
            });
        }
    }

    @BeforeEach
    void start() {
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false)
                .store(InMemorySessionStore.builder().build())
                .lock(new SessionLock(Duration.ofSeconds(3), Duration.ofSeconds(60), 409)).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new AsyncServlet(), "/a/*").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) {
        return browser.get(server.uri(path));
    }

    @Test
    void aChangeMadeAfterAnAsyncAnswerWasSentIsSavedWhenTheRequestCompletes() {
        assertEquals("set", get("/a/set?value=before").body());

        assertEquals("answered", get("/a/late?value=after").body());

        HttpResponse<String> next = get("/a/get");
        assertEquals(200, next.statusCode(), next.body());
        assertEquals("after", next.body());
    }

    @Test
    void aSecondAsyncCycleIsStillFinishedAndReleasesTheLockWhenItCompletes() {
        assertEquals("set", get("/a/set?value=before").body());

        assertEquals("answered", get("/a/twice?value=after").body());

        HttpResponse<String> next = get("/a/get");
        assertEquals(200, next.statusCode(), "the next request got the session's lock: " + next.body());
        assertEquals("after", next.body());
    }
}
