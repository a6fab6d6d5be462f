package dev.sessionkit.store.redis;

import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code sessions.active} gauge costs one ZCARD of the session cap's set, whatever the number of
 * sessions, instead of a SCAN of the keyspace; without the cap it falls back to the scan.
 */
class RedisActiveSessionsGaugeTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisSessionStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theGaugeReadsTheSessionCapsSetWithOneZcard() {
        store = started(RedisSessionStore.builder().uri(redis.uri()));
        saveSessions(3);

        redis.resetStats();
        double active = gauge();

        assertEquals(3.0, active);
        Map<String, Long> stats = redis.commandStats();
        assertEquals(1L, stats.get("zcard"), "one ZCARD");
        // ZCARD also runs inside the scripts, so clientCommands leaves it out: what is left must be nothing.
        assertEquals(Map.of(), clientCommands(stats), "and nothing else: no SCAN");
    }

    @Test
    void aSessionDeletedLeavesTheGaugeAtOnce() {
        store = started(RedisSessionStore.builder().uri(redis.uri()));
        String id = saveSessions(2);

        store.delete(id, System.currentTimeMillis());

        assertEquals(1, store.approximateCount());
        assertEquals(store.count(), store.approximateCount(), "the same as the scan's exact count");
    }

    @Test
    void withoutTheSessionCapTheGaugeScans() {
        store = started(RedisSessionStore.builder().uri(redis.uri()).maxSessions(0));
        saveSessions(2);

        redis.resetStats();
        double active = gauge();

        assertEquals(2.0, active);
        assertEquals(Set.of("scan"), clientCommands(redis.commandStats()).keySet());
    }

    private double gauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MicrometerSessionMetrics(registry).bind(store);
        return registry.get("sessionkit.sessions.active").gauge().value();
    }

    /** @return the ID of the last session saved */
    private String saveSessions(int count) {
        String id = null;
        for (int i = 0; i < count; i++) {
            long now = System.currentTimeMillis();
            id = SessionIds.newId();
            store.save(new SessionData(id, now, now, 1_800, null, Map.of("a", "1".getBytes())),
                    new SessionChanges(true, Set.of("a"), Set.of(), false));
        }
        return id;
    }

    private static RedisSessionStore started(RedisSessionStoreBuilder builder) {
        redis.flushAll();
        RedisSessionStore store = builder.expiryEvents(false).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        return store;
    }
}
