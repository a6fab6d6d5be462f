package dev.sessionkit.store.redis;

import dev.sessionkit.config.SessionLock;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.RequestOrderingContract;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-session request ordering with the lock in a real Redis: SET NX PX, released by an owner-checking script. */
class RedisRequestOrderingTest extends RequestOrderingContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected SessionStore newStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri(redis.uri()).build();
    }

    @Test
    void aLockedRequestCostsOneSetAndOneScriptMore() throws Exception {
        start(new SessionLock(Duration.ofSeconds(5), Duration.ofSeconds(30), 503));
        String cookie = newSession();
        send("/o/count", cookie); // the unlock script reaches Redis' cache
        redis.resetStats();

        assertEquals("1", send("/o/count", cookie).body());

        Map<String, Long> stats = redis.commandStats();
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L, "get", 1L), clientCommands(stats),
                "the load, and the unlock script (whose GET checks the owner)");
        assertEquals(1L, stats.get("set"), "SET NX PX takes the free lock");
        assertEquals(1L, stats.get("del"), "the unlock script deletes it");
        String lockKey = "sessionkit:l:{" + cookie.substring(0, SessionIds.LINEAGE_LENGTH) + "}";
        assertEquals("0", redis.cli("EXISTS", lockKey), "released");
    }

    @Test
    void theLockKeyExpiresAndOnlyItsOwnerDeletesIt() {
        try (RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).build()) {
            var locks = store.locks().orElseThrow();
            assertTrue(locks.acquire("lineage1", "owner-a", Duration.ofSeconds(20), Duration.ZERO));
            String key = "sessionkit:l:{lineage1}";
            long ttl = Long.parseLong(redis.cli("PTTL", key));
            assertTrue(ttl > 15_000 && ttl <= 20_000, "the expiry is the lock's PX: " + ttl);
            assertFalse(locks.acquire("lineage1", "owner-b", Duration.ofSeconds(20), Duration.ofMillis(100)));

            locks.release("lineage1", "owner-b");
            assertEquals("owner-a", redis.cli("GET", key), "another owner's release leaves the lock");
            locks.release("lineage1", "owner-a");
            assertEquals("0", redis.cli("EXISTS", key));
        }
    }
}
