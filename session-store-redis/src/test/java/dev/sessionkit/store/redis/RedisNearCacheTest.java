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
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Measures how long another instance's cached read stays stale: instance A (the contract's store) writes,
     * and instance B, which holds the session in its cache, reads in a loop until a read goes to Redis. The
     * staleness is from A's write returning to the start of that read. Entries live for a minute, so only
     * the notification can end one within the test.
     */
    @Test
    @SuppressWarnings("deprecation") // Jedis 7 prefers RedisClient's builder, whose client cannot be subclassed
    void anotherInstancesWriteReachesCachedReadsWithinMilliseconds() throws InterruptedException {
        AtomicLong redisReads = new AtomicLong();
        UnifiedJedis counting = new UnifiedJedis(new HostAndPort(redis.host(), redis.port())) {
            @Override
            public Map<byte[], byte[]> hgetAll(byte[] key) {
                redisReads.incrementAndGet();
                return super.hgetAll(key);
            }
        };
        RedisSessionStore b = other(RedisSessionStore.builder().client(counting).nearCache(10)
                .nearCacheMaxAge(Duration.ofMinutes(1)));
        assertTrue(eventually(b::isNearCacheServing));
        SessionData session = session(null, Map.of("n", 0));
        saveNew(session);
        int writes = 1_000;
        long[] sinceIssued = new long[writes];
        long[] sinceAcknowledged = new long[writes];
        try (counting) {
            for (int i = 1; i <= writes; i++) {
                cacheIn(b, session.id(), redisReads);
                long issued = System.nanoTime();
                store.save(with(session, Map.of("n", i)), new SessionChanges(false, Set.of("n"), Set.of(), false));
                long written = System.nanoTime();
                long readStart;
                long before;
                SessionData read;
                do {
                    before = redisReads.get();
                    readStart = System.nanoTime();
                    read = b.load(session.id(), now(), 60_000).live();
                    assertTrue(readStart - written < Duration.ofSeconds(5).toNanos(), "write " + i + " never reached B");
                } while (redisReads.get() == before);
                assertEquals(i, attributes(read).get("n"), "the read that went to Redis found the write");
                sinceIssued[i - 1] = readStart - issued;
                // B often drops the entry before A has read its reply: Redis sends the event first.
                sinceAcknowledged[i - 1] = Math.max(0, readStart - written);
            }
        }
        String issuedFigures = percentiles(sinceIssued);
        System.out.printf("near-cache staleness over %d writes, from the write issued: %s; from its reply: %s%n",
                writes, issuedFigures, percentiles(sinceAcknowledged));
        // Generous: on a loaded machine scheduling dominates; without notifications it would be the 5 s above.
        assertTrue(sinceIssued[writes * 99 / 100] < Duration.ofMillis(500).toNanos(), issuedFigures);
    }

    /** Sorts the figures and names their p50, p99 and maximum in microseconds. */
    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return String.format("p50 %d us, p99 %d us, max %d us", nanos[nanos.length / 2] / 1_000,
                nanos[nanos.length * 99 / 100] / 1_000, nanos[nanos.length - 1] / 1_000);
    }

    /** Reads until a read of {@code store} is served from its cache. */
    private static void cacheIn(RedisSessionStore store, String id, AtomicLong redisReads) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            long before = redisReads.get();
            store.load(id, now(), 60_000).live();
            if (redisReads.get() == before) {
                return;
            }
        }
        throw new AssertionError("the session never stayed in the cache");
    }

    /** Reads the session, then tells whether a second read went without a round trip. */
    private static boolean isCached(RedisSessionStore store, String id) {
        store.load(id, now(), 60_000).live();
        redis.resetStats();
        store.load(id, now(), 60_000).live();
        return clientCommands(redis.commandStats()).isEmpty();
    }

    private RedisSessionStore other(RedisSessionStoreBuilder builder) {
        RedisSessionStore other = builder.build();
        other.start(new StoreContext(Duration.ZERO, id -> { }));
        others.add(other);
        return other;
    }
}
