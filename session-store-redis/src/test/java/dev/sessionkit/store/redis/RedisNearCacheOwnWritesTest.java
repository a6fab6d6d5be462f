package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache and this instance's own writes: a save or touch by this instance updates its entry, so
 * the next read costs no round trip even after the write's keyspace events have arrived, while a write by
 * another instance (another store on the same Redis, with a near cache of its own) still invalidates.
 *
 * <p>Each test waits until the subscription has handled the write's events before it counts: it then has
 * another instance change a second cached session and waits until that one is dropped. Redis delivers one
 * server's events in order, so the write's own events were handled first.
 */
class RedisNearCacheOwnWritesTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "EKghxe");

    private final List<RedisSessionStore> stores = new ArrayList<>();
    private RedisSessionStore mine;
    private RedisSessionStore another;

    @BeforeEach
    void twoInstances() throws InterruptedException {
        redis.flushAll();
        mine = started();
        another = started();
        assertTrue(eventually(mine::isNearCacheServing), "this instance's subscription stands");
        assertTrue(eventually(another::isNearCacheServing), "the other instance's subscription stands");
    }

    @AfterEach
    void close() {
        stores.forEach(RedisSessionStore::close);
    }

    @Test
    void afterItsOwnSaveThisInstanceReadsWithNoRoundTrip() throws InterruptedException {
        SessionData session = created(Map.of("a", "1", "b", "2"));
        SessionData loaded = mine.load(session.id(), now(), 60_000).live();

        mine.save(with(loaded, Map.of("a", "changed", "b", "2")), new SessionChanges(false, Set.of("a"), Set.of(), false));
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), now(), 60_000).live();
        assertEquals(Map.of(), clientCommands(redis.commandStats()), "no round trip");
        assertEquals("changed", value(read, "a"));
        assertEquals("2", value(read, "b"));
    }

    @Test
    void afterItsOwnSaveTheCachedSessionIsWhatRedisHolds() throws InterruptedException {
        SessionData session = created(Map.of("a", "1", "b", "2"));
        SessionData loaded = mine.load(session.id(), now(), 60_000).live();

        mine.save(new SessionData(loaded.id(), loaded.creationTime(), loaded.lastAccessedTime() + 5, 600, "alice",
                        Map.of("c", bytes("3"))),
                new SessionChanges(false, Set.of("c"), Set.of("a"), true));
        eventsHandled();

        SessionData cached = mine.load(session.id(), now(), 60_000).live();
        SessionData stored = started().load(session.id(), now(), 60_000).live();
        assertEquals(stored, cached, "the entry this instance kept equals a fresh read");
    }

    @Test
    void afterItsOwnTouchThisInstanceReadsWithNoRoundTrip() throws InterruptedException {
        SessionData session = created(Map.of("a", "1"));
        mine.load(session.id(), now(), 60_000).live();
        long touchedAt = now() + 1_000;

        redis.resetStats();
        mine.load(session.id(), touchedAt, 0).live();
        assertEquals(Map.of("evalsha", 1L), clientCommands(redis.commandStats()), "the touch, no read");
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), touchedAt, 60_000).live();
        assertEquals(Map.of(), clientCommands(redis.commandStats()), "no round trip");
        assertEquals(touchedAt, read.lastAccessedTime());
    }

    @Test
    void aSessionThisInstanceCreatedIsReadWithNoRoundTrip() throws InterruptedException {
        SessionData session = created(mine, Map.of("a", "1"));
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), now(), 60_000).live();
        assertEquals(Map.of(), clientCommands(redis.commandStats()), "no round trip");
        assertEquals("1", value(read, "a"));
    }

    @Test
    void aSaveByAnotherInstanceStillSendsTheNextReadToRedis() throws InterruptedException {
        SessionData session = created(Map.of("a", "1"));
        SessionData loaded = mine.load(session.id(), now(), 60_000).live();
        another.load(session.id(), now(), 60_000).live();

        another.save(with(loaded, Map.of("a", "theirs")), new SessionChanges(false, Set.of("a"), Set.of(), false));
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), now(), 60_000).live();
        assertEquals(Map.of("hgetall", 1L), clientCommands(redis.commandStats()), "one read from Redis");
        assertEquals("theirs", value(read, "a"));
    }

    @Test
    void aTouchByAnotherInstanceStillSendsTheNextReadToRedis() throws InterruptedException {
        SessionData session = created(Map.of("a", "1"));
        mine.load(session.id(), now(), 60_000).live();
        long touchedAt = now() + 1_000;

        another.load(session.id(), touchedAt, 0).live();
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), now(), 60_000).live();
        assertEquals(Map.of("hgetall", 1L), clientCommands(redis.commandStats()), "one read from Redis");
        assertEquals(touchedAt, read.lastAccessedTime());
    }

    @Test
    void aChangeOutsideAnyStoreRightAfterItsOwnSaveStillInvalidates() throws InterruptedException {
        SessionData session = created(Map.of("a", "1"));
        SessionData loaded = mine.load(session.id(), now(), 60_000).live();

        mine.save(with(loaded, Map.of("a", "mine")), new SessionChanges(false, Set.of("a"), Set.of(), false));
        redis.cli("HSET", RedisSessionStoreTest.key(session.id()), "a:a", "\"by hand\"");
        eventsHandled();

        redis.resetStats();
        SessionData read = mine.load(session.id(), now(), 60_000).live();
        assertEquals(Map.of("hgetall", 1L), clientCommands(redis.commandStats()), "one read from Redis");
        assertEquals("by hand", value(read, "a"));
    }

    /** Has another instance change a session this instance caches, and waits until this instance drops it. */
    private void eventsHandled() throws InterruptedException {
        SessionData probe = created(another, Map.of("p", "0"));
        mine.load(probe.id(), now(), 60_000).live();
        another.save(with(probe, Map.of("p", "1")), new SessionChanges(false, Set.of("p"), Set.of(), false));
        assertTrue(eventually(() -> "1".equals(value(mine.load(probe.id(), now(), 60_000).live(), "p"))),
                "the other instance's change reached this one");
    }

    /**
     * A new session, saved by the other instance, once this instance has handled the creation's events: an
     * event still on its way would make this instance's next read refuse to cache what it read.
     */
    private SessionData created(Map<String, String> attributes) throws InterruptedException {
        SessionData session = created(another, attributes);
        eventsHandled();
        return session;
    }

    private static SessionData created(RedisSessionStore by, Map<String, String> attributes) {
        SessionData session = with(new SessionData(SessionIds.newId(), now(), now(), 1_800, null, Map.of()), attributes);
        assertNotNull(by.save(session, new SessionChanges(true, attributes.keySet(), Set.of(), false)));
        return session;
    }

    private RedisSessionStore started() {
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).nearCache(100)
                .nearCacheMaxAge(Duration.ofMinutes(1)).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        stores.add(store);
        return store;
    }

    private static SessionData with(SessionData session, Map<String, String> attributes) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        attributes.forEach((name, value) -> encoded.put(name, bytes(value)));
        return new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), encoded);
    }

    private static byte[] bytes(String value) {
        return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static String value(SessionData session, String name) {
        byte[] json = session.attributes().get(name);
        String text = new String(json, StandardCharsets.UTF_8);
        return text.substring(1, text.length() - 1);
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
