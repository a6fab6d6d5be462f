package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store init-params create: a failure found once it exists closes it again (both stores of a
 * migration), and a customizer's store takes its place. Also init-params read nowhere else.
 */
class InitParamStoreTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    @BeforeEach
    void forget() {
        LocklessStoreProvider.CREATED.clear();
        RecordingStoreProvider.created.set(0);
    }

    private static SessionException failure(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET));
        params.putAll(extra);
        return assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
    }

    private static List<Integer> closes() {
        return LocklessStoreProvider.CREATED.stream().map(store -> store.closed.get()).toList();
    }

    @Test
    void aStoreThatFailsACheckOnlyItCanAnswerIsClosedAgain() {
        SessionException failure = failure(Map.of("store", LocklessStoreProvider.NAME, "lock", "true"));

        assertTrue(failure.getMessage().contains("lock=true"), failure.getMessage());
        assertEquals(List.of(1), closes(), "the store was created, then closed once");
    }

    @Test
    void aFailedMigrationClosesTheNewAndTheOldStore() {
        SessionException failure = failure(Map.of("store", LocklessStoreProvider.NAME, "lock", "true",
                "migrate.from", LocklessStoreProvider.NAME));

        assertTrue(failure.getMessage().contains("lock=true"), failure.getMessage());
        assertEquals(List.of(1, 1), closes(), "the new store and the old one are each closed once");
    }

    @Test
    void aCloseThatFailsTooIsAttachedToTheFailure() {
        SessionException failure = failure(Map.of("store", LocklessStoreProvider.NAME, "lock", "true",
                "lockless.close-fails", "true"));

        assertTrue(failure.getMessage().contains("lock=true"), "the check's failure is the one reported");
        assertEquals(1, failure.getSuppressed().length);
        assertEquals("lockless store failed to close", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void aStoreTheCustomizerSetsReplacesTheOneOfTheStoreParam() {
        SessionStore own = InMemorySessionStore.builder().build();

        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "store", RecordingStoreProvider.NAME),
                name -> null, builder -> builder.store(own));

        assertSame(own, config.store());
        assertEquals(0, RecordingStoreProvider.created.get(), "no store is created only to be replaced");
    }

    @Test
    void theCustomizerAddsToWhatTheInitParamsSet() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "cookie.name", "APP"), name -> null,
                builder -> builder.unavailableStatus(500));

        assertEquals("APP", config.cookieName());
        assertEquals(500, config.unavailableStatus());
        config.store().close();
    }

    /** A codec extension named by class in {@code codec.extensions}. */
    public static final class NamedExtension implements dev.sessionkit.codec.CodecExtension {
        @Override
        public java.util.Set<String> allowedTypes() {
            return java.util.Set.of();
        }
    }

    @Test
    void eachStoreCodecAndListenerInitParamSetsItsOption() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "cookie.persistent", "true",
                "save-empty-sessions", "true", "store.max-concurrent-calls", "7",
                "codec.extensions", NamedExtension.class.getName(),
                "listeners", dev.sessionkit.testapp.RecordingSessionListener.class.getName(),
                "metrics", "micrometer", "store.hash-ids", "false"), name -> null);

        assertTrue(config.persistentCookie(), "cookie.persistent");
        assertTrue(config.saveEmptySessions(), "save-empty-sessions");
        assertEquals(7, config.maxConcurrentStoreCalls());
        assertEquals(List.of(NamedExtension.class), config.codecExtensions().stream().map(Object::getClass).toList());
        assertEquals(List.of(dev.sessionkit.testapp.RecordingSessionListener.class),
                config.listeners().stream().map(Object::getClass).toList());
        assertTrue(config.metrics() instanceof dev.sessionkit.metrics.MicrometerSessionMetrics, "metrics");
        assertFalse(config.hashStoreIds(), "store.hash-ids");
        config.store().close();
    }

    @Test
    void unavailableStatusIsReadFromItsInitParam() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", SECRET, "unavailable.status", "500"),
                name -> null);

        assertEquals(500, config.unavailableStatus());
        config.store().close();
    }
}
