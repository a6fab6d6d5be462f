package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionDataTest {

    @Test
    void toStringNeverShowsTheIdSoLogsCannotLeakIt() {
        String id = SessionIds.newId();
        String text = new SessionData(id, 1, 2, 1800, "alice", Map.of("cart", new byte[]{1})).toString();
        assertFalse(text.contains(id));
        assertFalse(text.contains(SessionIds.lineage(id)));
        assertTrue(text.contains("cart"), "attribute names are shown, values are not");
    }

    @Test
    void idleExpiryCountsFromTheLastAccess() {
        SessionData data = new SessionData(SessionIds.newId(), 0, 1_000, 60, null, Map.of());
        assertFalse(data.isIdleExpired(61_000));
        assertTrue(data.isIdleExpired(61_001));
        assertFalse(new SessionData(SessionIds.newId(), 0, 0, 0, null, Map.of()).isIdleExpired(Long.MAX_VALUE), "0 means no idle timeout");
    }
}
