package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis store with its near cache on: the whole store contract, then what the cache adds. Changes
 * made by "another instance" are made by a second store on the same Redis, as a second JVM would.
 */
class RedisNearCacheTest extends SessionStoreContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "EKghxe");

    private final List<RedisSessionStore> others = new ArrayList<>();

    @Override
    protected SessionStore createStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri(redis.uri()).nearCache(1_000).build();
    }

    @BeforeEach
    void cacheServes() throws InterruptedException {
        assertTrue(eventually(((RedisSessionStore) store)::isNearCacheServing), "the subscription stands");
    }

    @AfterEach
    void closeOthers() {
        others.forEach(RedisSessionStore::close);
    }

    @Test
    void repeatedReadsCostNoRoundTrip() throws InterruptedException {
        SessionData session = session("alice", Map.of("a", 1));
        saveNew(session);
        assertTrue(eventually(() -> isCached((RedisSessionStore) store, session.id())));

        redis.resetStats();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, attributes(store.load(session.id(), now(), 60_000).live()).get("a"));
        }
        assertEquals(Map.of(), clientCommands(redis.commandStats()));
    }

    @Test
    void ownChangesAreReadAtOnce() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        SessionData loaded = store.load(session.id(), now(), 60_000).live();

        store.save(with(loaded, Map.of("a", 2)), new SessionChanges(false, Set.of("a"), Set.of(), false));
        assertEquals(2, attributes(store.load(session.id(), now(), 60_000).live()).get("a"));

        store.delete(session.id(), System.currentTimeMillis());
        assertNull(store.load(session.id(), now(), 60_000).live());
    }

    @Test
    void anotherInstancesChangeReachesCachedReads() throws InterruptedException {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 60_000).live();
        RedisSessionStore other = other(RedisSessionStore.builder().uri(redis.uri()));

        other.save(with(session, Map.of("a", 2)), new SessionChanges(false, Set.of("a"), Set.of(), false));

        assertTrue(eventually(() -> Integer.valueOf(2).equals(attributes(store.load(session.id(), now(), 60_000).live()).get("a"))));
    }

    @Test
    void logoutOnAnotherInstanceEndsCachedReads() throws InterruptedException {
        SessionData session = session("alice", Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 60_000).live();
        RedisSessionStore other = other(RedisSessionStore.builder().uri(redis.uri()));

        assertEquals(1, other.deleteAllOf("alice"));

        assertTrue(eventually(() -> store.load(session.id(), now(), 60_000).live() == null));
    }

    @Test
    void rotationOnAnotherInstanceEndsCachedReadsOfTheOldId() throws InterruptedException {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 60_000).live();
        RedisSessionStore other = other(RedisSessionStore.builder().uri(redis.uri()));

        assertTrue(other.rotate(session.id(), SessionIds.rotated(session.id()), System.currentTimeMillis()));

        assertTrue(eventually(() -> store.load(session.id(), now(), 60_000).live() == null));
    }

    @Test
    void anEntryIsServedNoLongerThanItsMaxAge() throws InterruptedException {
        // Long enough that the redis-cli calls below finish within it on a loaded machine.
        RedisSessionStore aged = other(RedisSessionStore.builder().uri(redis.uri()).nearCache(10)
                .nearCacheMaxAge(Duration.ofSeconds(3)));
        assertTrue(eventually(aged::isNearCacheServing));
        SessionData session = session(null, Map.of("a", 1));
        aged.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false));
        // The save's own notification may come after the first read and drop what it cached.
        assertTrue(eventually(() -> isCached(aged, session.id())));

        // A change Redis does not announce: only the maximum age can end the stale entry.
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        try {
            redis.cli("HSET", key(session.id()), "a:a", new String(encode(Map.of("a", 2)).get("a")));
            assertEquals(1, attributes(aged.load(session.id(), now(), 60_000).live()).get("a"), "served from the cache");
            Thread.sleep(3_100);
            assertEquals(2, attributes(aged.load(session.id(), now(), 60_000).live()).get("a"), "read again after its max age");
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "EKghxe");
        }
    }

    @Test
    void withoutKeyspaceEventsForEveryChangeTheCacheStaysOff() {
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "Ex");
        try {
            RedisSessionStore uncached = other(RedisSessionStore.builder().uri(redis.uri()).nearCache(10));
            SessionData session = session(null, Map.of("a", 1));
            uncached.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false));

            redis.resetStats();
            uncached.load(session.id(), now(), 60_000).live();
            uncached.load(session.id(), now(), 60_000).live();

            assertFalse(uncached.isNearCacheServing());
            // Only the reads: the expiry subscription may open its connection meanwhile (CLIENT SETNAME).
            assertEquals(2L, clientCommands(redis.commandStats()).get("hgetall"));
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "EKghxe");
        }
    }

    @Test
    void configureKeyspaceNotificationsTurnsWhatTheCacheNeedsOn() throws InterruptedException {
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        try {
            RedisSessionStore configured = other(RedisSessionStore.builder().uri(redis.uri()).nearCache(10)
                    .configureKeyspaceNotifications(true));

            assertTrue(eventually(configured::isNearCacheServing));
            String flags = redis.cli("CONFIG", "GET", "notify-keyspace-events").split("\n")[1];
            for (char flag : "EKghxe".toCharArray()) {
                assertTrue(flags.indexOf(flag) >= 0 || (flag != 'E' && flag != 'K' && flags.indexOf('A') >= 0), flags);
            }
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "EKghxe");
        }
    }

    @Test
    void whileRedisIsDownNothingIsServedFromTheCache() throws InterruptedException {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 60_000).live();

        redis.kill();
        assertTrue(eventually(() -> !((RedisSessionStore) store).isNearCacheServing()), "the lost subscription is noticed");
        try {
            store.load(session.id(), now(), 60_000).live();
            throw new AssertionError("a cached session was served while Redis was down");
        } catch (SessionStoreUnavailableException expected) {
            // The same answer as without a cache: 503, never a session Redis may no longer hold.
        }

        redis.restart(); // SIGKILL: the session was never persisted
        assertTrue(eventually(((RedisSessionStore) store)::isNearCacheServing), "serves again once subscribed");
        assertNull(store.load(session.id(), now(), 60_000).live(), "the restarted server's answer, not the cache's");
    }

    /** Reads the session, then tells whether a second read went without a round trip. */
    private static boolean isCached(RedisSessionStore store, String id) {
        store.load(id, now(), 60_000).live();
        redis.resetStats();
        store.load(id, now(), 60_000).live();
        return clientCommands(redis.commandStats()).isEmpty();
    }

    private RedisSessionStore other(RedisSessionStore.Builder builder) {
        RedisSessionStore other = builder.build();
        other.start(new StoreContext(Duration.ZERO, id -> { }));
        others.add(other);
        return other;
    }
}
