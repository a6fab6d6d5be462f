package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void sessionsWithTheSameContentAreEqualThoughTheirArraysDiffer() {
        String id = SessionIds.newId();
        SessionData a = new SessionData(id, 1, 2, 60, "alice", Map.of("cart", new byte[]{1, 2}, "n", new byte[]{3}));
        SessionData b = new SessionData(id, 1, 2, 60, "alice", Map.of("n", new byte[]{3}, "cart", new byte[]{1, 2}));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void sessionsDifferingInOneAttributeByteOrInMetadataAreNotEqual() {
        String id = SessionIds.newId();
        SessionData a = new SessionData(id, 1, 2, 60, "alice", Map.of("cart", new byte[]{1, 2}));
        assertNotEquals(a, new SessionData(id, 1, 2, 60, "alice", Map.of("cart", new byte[]{1, 3})));
        assertNotEquals(a, new SessionData(id, 1, 2, 60, "alice", Map.of("cart", new byte[]{1, 2}, "x", new byte[0])));
        assertNotEquals(a, new SessionData(id, 1, 2, 60, "alice", Map.of("basket", new byte[]{1, 2})));
        assertNotEquals(a, new SessionData(id, 1, 2, 60, null, Map.of("cart", new byte[]{1, 2})));
        assertNotEquals(a, new SessionData(id, 1, 3, 60, "alice", Map.of("cart", new byte[]{1, 2})));
        assertNotEquals(a, a.withId(SessionIds.rotated(id)));
    }

    @Test
    void sessionInfoToStringHidesTheIdButTheLineage() {
        String id = SessionIds.newId();
        String text = SessionInfo.of(new SessionData(id, 1, 2, 1800, "alice", Map.of("cart", new byte[]{1}))).toString();
        assertFalse(text.contains(id.substring(SessionIds.LINEAGE_LENGTH)), text);
        assertTrue(text.contains("alice") && text.contains("cart"), text);
    }

    @Test
    void copiesWithAnotherIdOrAccessTimeShareTheAttributesTheyCannotChange() {
        Map<String, byte[]> source = new HashMap<>(Map.of("a", new byte[]{1}));
        SessionData session = new SessionData(SessionIds.newId(), 1, 2, 60, null, source);
        source.put("b", new byte[]{2});
        assertEquals(1, session.attributes().size(), "a change to the caller's map after construction is not seen");
        assertSame(session.attributes(), session.withId(SessionIds.newId()).attributes());
        assertSame(session.attributes(), session.accessedAt(3).attributes());
        assertThrows(UnsupportedOperationException.class, () -> session.attributes().put("c", new byte[0]));
        assertThrows(UnsupportedOperationException.class, () -> session.attributes().remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> session.attributes().entrySet().clear());
    }
}
