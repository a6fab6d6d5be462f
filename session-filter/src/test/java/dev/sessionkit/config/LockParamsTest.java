package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The init-params of per-session request ordering: lock, lock.wait, lock.expiry, lock.busy-status. */
class LockParamsTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static SessionConfig read(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET));
        params.putAll(extra);
        return SessionConfig.fromInitParams(params, name -> null);
    }

    private static String failure(Map<String, String> extra) {
        return assertThrows(SessionException.class, () -> read(extra)).getMessage();
    }

    @Test
    void lockIsOffByDefaultAndOnWithItsDefaults() {
        assertNull(read(Map.of()).lock());
        assertNull(read(Map.of("lock", "false")).lock());
        SessionConfig on = read(Map.of("lock", "true"));
        assertEquals(new SessionLock(Duration.ofSeconds(5), Duration.ofSeconds(30), 409), on.lock());
        assertTrue(on.toString().contains("lock=on (wait 5s, expiry 30s, busy 409)"), on.toString());
    }

    @Test
    void theTuningParamsAreRead() {
        SessionLock lock = read(Map.of("lock", "true", "lock.wait", "750ms", "lock.expiry", "2m",
                "lock.busy-status", "503")).lock();
        assertEquals(new SessionLock(Duration.ofMillis(750), Duration.ofMinutes(2), 503), lock);
    }

    @Test
    void aTuningParamWithoutLockTrueSaysToSetIt() {
        String message = failure(Map.of("lock.wait", "2s"));
        assertTrue(message.contains("lock.wait is set, but lock is not true: set lock=true"), message);
        assertTrue(failure(Map.of("lock", "false", "lock.busy-status", "503")).contains("lock.busy-status is set"));
    }

    @Test
    void outOfRangeValuesNameTheParam() {
        assertTrue(failure(Map.of("lock", "true", "lock.busy-status", "500")).contains("lock.busy-status (SessionLock.busyStatus) must be 409 or 503, was 500"));
        assertTrue(failure(Map.of("lock", "true", "lock.expiry", "0s")).contains("lock.expiry (SessionLock.expiry) must be at least 1ms"));
        assertTrue(failure(Map.of("lock", "true", "lock.wait", "-1s")).contains("lock.wait (SessionLock.maxWait) must not be negative"));
        assertTrue(failure(Map.of("lock", "maybe")).contains("lock must be true or false"));
        assertTrue(failure(Map.of("lock.wiat", "1s")).contains("did you mean lock.wait?"));
    }

    @Test
    void theBuilderTakesTheSettings() {
        SessionLock lock = SessionLock.DEFAULTS.withMaxWait(Duration.ZERO).withExpiry(Duration.ofSeconds(9)).withBusyStatus(503);
        assertEquals(lock, SessionConfig.builder().secret(SECRET).lock(lock).build().lock());
        assertThrows(SessionException.class, () -> SessionConfig.builder().lock(null));
    }
}
