package dev.sessionkit.store.redis;

import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-session lock on a standalone Redis: only its owner releases it, and it lives in the session's slot. */
class RedisLocksTest {

    private static final Duration HELD = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final RedisClient client = RedisClient.create(redis.uri());
    private final RedisLocks locks = new RedisLocks(client, new Keys("app:"), new RedisErrors(redis.uri()));

    @BeforeEach
    void noLocks() {
        redis.flushAll();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aReleaseByAnotherOwnerLeavesTheLockHeld() {
        assertTrue(locks.acquire("lineage1", "first", HELD, Duration.ZERO));

        locks.release("lineage1", "second"); // its own lock lapsed, and "first" took the session since

        assertFalse(locks.acquire("lineage1", "third", HELD, Duration.ZERO), "still held by its owner");
        assertEquals("first", redis.cli("GET", "app:l:{lineage1}"));
    }

    @Test
    void theOwnersReleaseLetsTheNextIn() {
        assertTrue(locks.acquire("lineage1", "first", HELD, Duration.ZERO));

        locks.release("lineage1", "first");

        assertTrue(locks.acquire("lineage1", "second", HELD, Duration.ZERO));
    }

    @Test
    void aLockExpiresWithoutARelease() {
        assertTrue(locks.acquire("lineage1", "first", HELD, Duration.ZERO));

        long ttl = Long.parseLong(redis.cli("PTTL", "app:l:{lineage1}"));
        assertTrue(ttl > HELD.toMillis() - 5_000 && ttl <= HELD.toMillis(), "expires in 30 s: " + ttl);
    }
}
