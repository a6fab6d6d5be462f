package dev.sessionkit.tomcat;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testapp.CapturedLog;
import dev.sessionkit.testapp.LiveThreads;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start and stop of the filter on a real Tomcat: what it logs, what it refuses, and that it leaves no thread. */
@Tag("tomcat")
class TomcatLifecycleTest {

    private static final String SECRET = "lifecycle-secret-0123456789abcdefghij";

    private static TomcatServer.Builder app(Map<String, String> initParams) {
        return TomcatServer.builder().filter(SessionFilter.class, initParams, "/*").servlet(new SessionServlet(), "/s/*");
    }

    private static String startupFailure(Map<String, String> initParams) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> app(initParams).start().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void startLogsTheEffectiveConfigurationOnceAndWarnsAboutInsecureCookies() {
        try (CapturedLog log = CapturedLog.of(SessionFilter.class.getName());
             ServletContainer server = app(Map.of("secret", SECRET, "cookie.secure", "false", "cookie.name", "LIFE",
                     "timeout.idle", "20m", "save-mode", "on-get-attribute")).start()) {
            assertEquals("1", new CookieClient().get(server.uri("/s/count")).body());
            List<String> info = log.messages(Level.INFO);
            assertEquals(1, info.size(), info::toString);
            String line = info.get(0);
            assertTrue(line.contains("store=InMemorySessionStore") && line.contains("timeout.idle=20m")
                    && line.contains("cookie=LIFE (NOT Secure") && line.contains("save-mode=on-get-attribute"), line);
            assertFalse(line.contains(SECRET), "never the secret: " + line);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("cookie.secure=false"), warnings::toString);
        }
    }

    @Test
    void aSecureCookieStartsWithoutWarning() {
        try (CapturedLog log = CapturedLog.of(SessionFilter.class.getName());
             ServletContainer server = app(Map.of("secret", SECRET)).start()) {
            assertTrue(server.uri("/").toString().startsWith("http://"), "the application started");
            assertEquals(1, log.messages(Level.INFO).size());
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void aMisspelledInitParamFailsStartWithTheNameItMeant() {
        String messages = startupFailure(Map.of("secret", SECRET, "timeout.idel", "10m"));
        assertTrue(messages.contains("did you mean timeout.idle?"), messages);
    }

    @Test
    void aCookiePathThatInjectsAttributesFailsStart() {
        String messages = startupFailure(Map.of("secret", SECRET, "cookie.path", "/; Domain=evil.example"));
        assertTrue(messages.contains("cookie.path"), messages);
    }

    @Test
    void neitherAFailedStartNorAnUndeployLeavesTheSweeperRunning() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET, "memory.max-sessions", "10"));
        params.put("cookie.domain", "bad domain");
        startupFailure(params);
        threads.assertNoneLeft("a failed start");

        params.remove("cookie.domain");
        try (ServletContainer server = app(params).start()) {
            new CookieClient().get(server.uri("/s/count"));
            assertEquals(List.of("sessionkit-memory-sweeper"), threads.started(), "the store runs its sweeper once started");
        }
        threads.assertNoneLeft("undeploy");
    }

    @Test
    void aStoreThatFailsHalfwayThroughStartIsClosedAgain() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        // Starts its sweeper, then fails, as a store whose second step (a subscription, say) is refused.
        ForwardingSessionStore failing = new ForwardingSessionStore(InMemorySessionStore.builder().build()) {
            @Override
            public void start(StoreContext context) {
                super.start(context);
                throw new IllegalStateException("second step of start refused");
            }
        };
        SessionFilter filter = new SessionFilter(SessionConfig.builder().secret(SECRET).store(failing).build());
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TomcatServer.builder().filter(filter, "/*").servlet(new SessionServlet(), "/s/*").start().close());
        assertTrue(String.valueOf(failure.getCause()).contains("second step"), String.valueOf(failure.getCause()));
        threads.assertNoneLeft("a start that failed halfway");
    }
}
