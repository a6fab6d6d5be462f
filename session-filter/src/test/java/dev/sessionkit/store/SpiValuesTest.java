package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPI's values compare by content and print no credential, and the forwarding base passes every call and answer through. */
class SpiValuesTest {

    private static final long T = 1_700_000_000_000L;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sessionDataOfEqualContentHasEqualHashesAndOtherContentOthers() {
        String id = SessionIds.newId();
        SessionData a = new SessionData(id, T, T, 60, "alice", Map.of("x", bytes("1"), "y", bytes("2")));
        SessionData b = new SessionData(id, T, T, 60, "alice", Map.of("y", bytes("2"), "x", bytes("1")));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        SessionData otherValue = new SessionData(id, T, T, 60, "alice", Map.of("x", bytes("1"), "y", bytes("3")));
        SessionData otherName = new SessionData(id, T, T, 60, "alice", Map.of("x", bytes("1"), "z", bytes("2")));
        SessionData empty = new SessionData(id, T, T, 60, "alice", Map.of());
        assertNotEquals(a, otherValue);
        assertNotEquals(a.hashCode(), otherValue.hashCode());
        assertNotEquals(a.hashCode(), otherName.hashCode());
        assertNotEquals(a.hashCode(), empty.hashCode());
        assertNotEquals(empty.hashCode(), 0);
        SessionData one = new SessionData(id, T, T, 60, "alice", Map.of("x", bytes("1")));
        assertEquals(empty.hashCode() + ("x".hashCode() ^ java.util.Arrays.hashCode(bytes("1"))), one.hashCode(),
                "each attribute adds its name's and value's hash, as Map.hashCode does");
    }

    @Test
    void sessionInfoPrintsTheLineageOnly() {
        String id = SessionIds.newId();
        SessionInfo info = SessionInfo.of(new SessionData(id, T, T + 1, 60, "alice", Map.of("x", bytes("1"))));
        String text = info.toString();
        assertFalse(text.contains(id), text);
        assertTrue(text.startsWith("SessionInfo[lineage=" + SessionIds.lineage(id) + ", principal=alice, created=" + T
                + ", lastAccessed=" + (T + 1) + ", maxInactive=60s, attributes=[x], details=[]]"), text);
        String shortId = "abcdefgh";
        assertTrue(new SessionInfo(shortId, null, T, T, 60, Set.of(), Map.of()).toString().startsWith("SessionInfo[lineage=?,"),
                "an ID no longer than a lineage is not printed at all");
        assertTrue(new SessionInfo(null, null, T, T, 60, Set.of(), Map.of()).toString().startsWith("SessionInfo[lineage=?,"));
        assertTrue(new SessionInfo(shortId + "x", null, T, T, 60, Set.of(), Map.of()).toString().startsWith("SessionInfo[lineage=abcdefgh,"));
    }

    @Test
    void loadResultsSayWhatTheyHold() {
        SessionData session = new SessionData(SessionIds.newId(), T, T, 60, null, Map.of());
        assertSame(LoadResult.ABSENT, LoadResult.ofNullable(null));
        assertEquals(LoadResult.found(session), LoadResult.ofNullable(session));
        assertEquals("LoadResult[ABSENT]", LoadResult.ABSENT.toString());
        assertEquals("LoadResult[FOUND, " + session + "]", LoadResult.found(session).toString());
        assertNull(LoadResult.expired(session).live());
        assertSame(session, LoadResult.found(session).live());
    }

    @Test
    void storeHealthIsHealthyOnlyWhenReachableWithoutWarnings() {
        StoreHealth up = StoreHealth.up(Duration.ofMillis(3));
        assertTrue(up.reachable());
        assertTrue(up.healthy());
        assertEquals(Duration.ofMillis(3), up.latency());
        StoreHealth down = StoreHealth.down(Duration.ofSeconds(2), "connection refused");
        assertFalse(down.reachable());
        assertFalse(down.healthy());
        assertEquals(List.of("connection refused"), down.warnings());
        StoreHealth degraded = new StoreHealth(true, Duration.ZERO, List.of("expiry events off"), Map.of("version", "7.0"));
        assertFalse(degraded.healthy());
        assertEquals(Map.of("version", "7.0"), degraded.details());
        assertTrue(StoreHealth.up(Duration.ZERO).healthy());
        assertTrue(InMemorySessionStore.builder().build().health().healthy(), "a store with nothing to reach is healthy");
    }

    /** Answers a fixed value to every call and counts them. */
    private static final class Fixed implements SessionStore {
        final boolean answer;
        final AtomicInteger calls = new AtomicInteger();
        final StoreHealth health = StoreHealth.down(Duration.ofMillis(1), "down");
        StoreContext started;

        Fixed(boolean answer) {
            this.answer = answer;
        }

        @Override
        public LoadResult load(String token, long now, long touchAfterMillis) {
            calls.incrementAndGet();
            return LoadResult.ABSENT;
        }

        @Override
        public String save(SessionData session, SessionChanges changes) {
            calls.incrementAndGet();
            return answer ? session.id() : null;
        }

        @Override
        public boolean delete(String id, long now) {
            calls.incrementAndGet();
            return answer;
        }

        @Override
        public boolean rotate(String oldId, String newId, long now) {
            calls.incrementAndGet();
            return answer;
        }

        @Override
        public StoreHealth health() {
            return health;
        }

        @Override
        public void start(StoreContext context) {
            started = context;
        }

        @Override
        public void close() {
            calls.addAndGet(100);
        }
    }

    @Test
    void theForwardingBasePassesEveryCallAndAnswerThrough() {
        for (boolean answer : new boolean[] {true, false}) {
            Fixed inner = new Fixed(answer);
            SessionStore outer = new ForwardingSessionStore(inner) {
            };
            assertEquals(answer, outer.delete("x", T));
            assertEquals(answer, outer.rotate("x", "y", T));
            assertSame(LoadResult.ABSENT, outer.load("x", T, 0));
            assertSame(inner.health, outer.health());
            StoreContext context = new StoreContext(Duration.ofHours(1), id -> { });
            outer.start(context);
            assertSame(context, inner.started);
            outer.close();
            assertEquals(103, inner.calls.get());
        }
    }
}
