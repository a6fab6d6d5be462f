package dev.sessionkit.filter;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionLock;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.OrderingServlet;
import dev.sessionkit.testapp.RequestOrderingContract;
import dev.sessionkit.testapp.TokenCookieStore;
import dev.sessionkit.testing.JettyServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-session request ordering with the in-memory store's monitors. */
class InMemoryRequestOrderingTest extends RequestOrderingContract {

    @Override
    protected SessionStore newStore() {
        return InMemorySessionStore.builder().build();
    }

    @Test
    void lockFromInitParamsAnswers409ByDefaultAfterTheWait() throws Exception {
        servlet = new OrderingServlet();
        server = JettyServer.builder()
                .filter(SessionFilter.class, Map.of("secret", SECRET, "cookie.secure", "false", "lock", "true",
                        "lock.wait", "200ms"), "/*")
                .servlet(servlet, "/o/*")
                .start();
        String cookie = newSession();
        CompletableFuture<HttpResponse<String>> holding = hold(cookie);

        assertEquals(409, send("/o/inc", cookie).statusCode());

        servlet.release.countDown();
        assertEquals(200, holding.get(30, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aRequestWithoutASessionCookieTakesNoLock() throws Exception {
        start(new SessionLock(Duration.ZERO, Duration.ofSeconds(30), 503));
        String cookie = newSession();
        CompletableFuture<HttpResponse<String>> holding = hold(cookie);

        assertEquals(200, send("/o/inc", "not-a-signed-id").statusCode(), "a new session waits for nobody");

        servlet.release.countDown();
        assertEquals(200, holding.get(30, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void theCookieStoreCannotLockAndSaysSoAtStart() {
        String message = assertThrows(SessionException.class, () -> SessionConfig.builder().secret(SECRET)
                .store(new TokenCookieStore()).lock(SessionLock.DEFAULTS).build()).getMessage();
        assertTrue(message.contains("lock=true") && message.contains("remove lock or choose another store"), message);
    }
}
