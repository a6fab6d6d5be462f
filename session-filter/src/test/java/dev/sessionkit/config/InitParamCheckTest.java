package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Init-params nobody reads, and the secret's two sources, fail start with a message saying what to set. */
class InitParamCheckTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static String failure(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET));
        params.putAll(extra);
        return assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null)).getMessage();
    }

    @Test
    void misspelledParamsFailNamingTheParamTheyMeant() {
        assertTrue(failure(Map.of("timeout.idel", "10m")).contains("'timeout.idel': did you mean timeout.idle?"),
                () -> failure(Map.of("timeout.idel", "10m")));
        assertTrue(failure(Map.of("cookie.host-prefx", "true")).contains("did you mean cookie.host-prefix?"));
        assertTrue(failure(Map.of("memory.max-session", "10")).contains("did you mean memory.max-sessions?"));
        assertTrue(failure(Map.of("Secret.previous", SECRET)).contains("did you mean secret.previous?"));
    }

    @Test
    void everyUnknownParamIsReportedAtOnce() {
        String message = failure(Map.of("timeout.idel", "10m", "cookie.secur", "false"));
        assertTrue(message.contains("timeout.idle?") && message.contains("cookie.secure?"), message);
    }

    @Test
    void aNameFarFromEveryKnownOneListsTheKnownParams() {
        String message = failure(Map.of("colour", "blue"));
        assertTrue(message.contains("'colour'") && message.contains("timeout.idle") && message.contains("memory.max-sessions"),
                message);
    }

    @Test
    void theChosenStoresOwnParamsAreKnown() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "store", "memory",
                "memory.max-sessions", "10"), name -> null);
        config.store().close();
    }

    @Test
    void anotherStoresParamSaysWhichStoreItConfigures() {
        SessionStoreProvider redis = provider("redis", Set.of("redis.uri"));
        SessionStoreProvider memory = new MemoryStoreProvider();
        String message = assertThrows(SessionException.class,
                () -> KnownParams.check(List.of("secret", "redis.uri"), memory, List.of(memory, redis))).getMessage();
        assertTrue(message.contains("configures store=redis, but store is memory"), message);
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, KnownParams.distance("timeout.idel", "timeout.idle"));
        assertEquals(1, KnownParams.distance("cookie.host-prefx", "cookie.host-prefix"));
        assertEquals(0, KnownParams.distance("", ""));
        assertEquals(3, KnownParams.distance("abc", ""));
    }

    @Test
    void secretAndSecretEnvTogetherFailNamingBoth() {
        // The variable is set, so only having both refuses the configuration.
        String message = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(
                Map.of("secret", SECRET, "secret.env", "APP_SECRET"), name -> SECRET.toUpperCase())).getMessage();
        assertTrue(message.contains("secret and secret.env"), message);
    }

    @Test
    void anUnsetSecretVariableSaysWhereToExportIt() {
        String message = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(
                Map.of("secret.env", "APP_SECRET_NOT_SET"), name -> null)).getMessage();
        assertTrue(message.contains("APP_SECRET_NOT_SET") && message.contains("export")
                && message.contains("bin/setenv.sh") && message.contains("Jetty"), message);
    }

    @Test
    void noStoreIsCreatedWhenAnotherParamIsWrong() {
        RecordingStoreProvider.created.set(0);
        String message = failure(Map.of("store", RecordingStoreProvider.NAME, "cookie.path", "/; Domain=evil.example"));
        assertTrue(message.contains("cookie.path"), message);
        assertEquals(0, RecordingStoreProvider.created.get(), "the store is created only once everything else is valid");

        failure(Map.of("store", RecordingStoreProvider.NAME, "cookie.host-prefix", "true", "cookie.domain", "example.com"));
        assertEquals(0, RecordingStoreProvider.created.get(), "options that contradict each other are found first too");

        SessionConfig.fromInitParams(Map.of("secret", SECRET, "store", RecordingStoreProvider.NAME), name -> null);
        assertEquals(1, RecordingStoreProvider.created.get());
    }

    @Test
    void theSummaryShowsTheEffectiveConfigurationButNoSecret() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "secret.previous", SECRET.toUpperCase(),
                "timeout.idle", "20m", "cookie.name", "APP", "cookie.secure", "false", "save-mode", "always"), name -> null);
        String summary = config.toString();
        assertTrue(summary.contains("store=InMemorySessionStore"), summary);
        assertTrue(summary.contains("timeout.idle=20m") && summary.contains("timeout.absolute=8h"), summary);
        assertTrue(summary.contains("cookie=APP (NOT Secure, HttpOnly, SameSite=Lax"), summary);
        assertTrue(summary.contains("save-mode=always") && summary.contains("signing=2 secrets"), summary);
        assertFalse(summary.contains(SECRET) || summary.contains(SECRET.toUpperCase()), summary);
    }

    private static SessionStoreProvider provider(String name, Set<String> parameters) {
        return new SessionStoreProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> parameters() {
                return parameters;
            }

            @Override
            public SessionStore create(Map<String, String> params) {
                throw new AssertionError("not created by these tests");
            }
        };
    }
}
