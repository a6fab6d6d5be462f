package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The near cache's keyspace-event subscription on one server, with no restart: it is restored when the
 * server drops it, its server's setting is checked while it stands, and closing the store ends it, so an
 * undeployed application leaves nothing listening. Entries live for a minute here, so only notifications
 * can end a stale one within a test.
 */
class KeyspaceSubscriberTest {

    private static final String EVENTS = "EKghxe";

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", EVENTS);

    private final List<RedisSessionStore> stores = new ArrayList<>();

    @AfterEach
    void closeAndRestoreTheSetting() {
        stores.forEach(RedisSessionStore::close);
        redis.cli("CONFIG", "SET", "notify-keyspace-events", EVENTS);
    }

    @Test
    void closeEndsTheSubscriptionThreadBeforeItReturns() throws InterruptedException {
        Set<Thread> before = threads("sessionkit-redis-keyspace");
        RedisSessionStore store = started(false);
        assertTrue(eventually(store::isNearCacheServing), "the subscription stands");
        List<Thread> started = threads("sessionkit-redis-keyspace").stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, started.size(), "one subscription thread for the one server");

        store.close();

        assertFalse(started.get(0).isAlive(), "the subscription thread has ended");
        assertEquals("0", redis.cli("PUBSUB", "NUMPAT"), "the server holds no pattern subscription");
    }

    @Test
    void closeEndsTheSettingsWatcher() throws InterruptedException {
        Set<Thread> before = threads("sessionkit-redis-watcher");
        RedisSessionStore store = started(false);
        List<Thread> started = threads("sessionkit-redis-watcher").stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, started.size(), "the near cache's settings are watched");

        store.close();

        assertTrue(eventually(() -> !started.get(0).isAlive()), "the watcher has ended");
    }

    @Test
    void aSubscriptionTheServerDropsIsRestoredAndHearsChangesAgain() throws InterruptedException {
        RedisSessionStore store = started(false);
        assertTrue(eventually(store::isNearCacheServing), "the subscription stands");
        SessionData session = saved(store);
        assertTrue(eventually(() -> isCached(store, session.id())));

        assertEquals("1", redis.cli("CLIENT", "KILL", "TYPE", "pubsub"));
        assertTrue(eventually(() -> subscribers() == 1 && store.isNearCacheServing()), "subscribed again");
        redis.cli("DEL", key(session.id()));

        assertTrue(eventually(() -> store.load(session.id(), now(), 60_000).live() == null, Duration.ofSeconds(2)),
                "the deletion was heard through the new subscription");
    }

    @Test
    void aSettingTurnedOffAtRuntimeStopsTheCacheWithinTheCheckPeriod() throws InterruptedException {
        RedisSessionStore store = started(false);
        assertTrue(eventually(store::isNearCacheServing));
        SessionData session = saved(store);
        assertTrue(eventually(() -> isCached(store, session.id())));

        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        assertTrue(eventually(() -> !store.isNearCacheServing(), Duration.ofSeconds(4)), "stopped within the 2 s check");
        redis.cli("DEL", key(session.id())); // unannounced now

        assertNull(store.load(session.id(), now(), 60_000).live(), "read from Redis, not from the cache");
        assertEquals("", flags(), "a store that does not configure leaves the setting alone");
    }

    @Test
    void aConfiguringStoreSetsALostSettingAgainWithinTheCheckPeriod() throws InterruptedException {
        RedisSessionStore store = started(true);
        assertTrue(eventually(store::isNearCacheServing));

        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");

        assertTrue(eventually(() -> KeyspaceNotifications.missingEvents(flags(), EVENTS).isEmpty(),
                Duration.ofSeconds(4)), "set again: " + flags());
        assertTrue(eventually(store::isNearCacheServing), "and the cache serves");
    }

    private RedisSessionStore started(boolean configure) {
        RedisSessionStore store = startedWithNearCache(redis, configure);
        stores.add(store);
        return store;
    }

    /** A started store whose near cache keeps entries for a minute: only notifications end a stale one in a test. */
    static RedisSessionStore startedWithNearCache(RedisServerExtension redis, boolean configure) {
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).nearCache(100)
                .nearCacheMaxAge(Duration.ofMinutes(1)).configureKeyspaceNotifications(configure).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        return store;
    }

    private static SessionData saved(RedisSessionStore store) {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), 1800, null, Map.of());
        store.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
        return session;
    }

    private static boolean isCached(RedisSessionStore store, String id) {
        return isCached(redis, store, id);
    }

    /** Reads the session, then tells whether a second read went without a round trip. */
    static boolean isCached(RedisServerExtension redis, RedisSessionStore store, String id) {
        store.load(id, now(), 60_000).live();
        redis.resetStats();
        store.load(id, now(), 60_000).live();
        return !clientCommands(redis.commandStats()).containsKey("hgetall");
    }

    private static long subscribers() {
        return redis.cli("CLIENT", "LIST", "TYPE", "pubsub").lines().filter(line -> !line.isBlank()).count();
    }

    private static String flags() {
        return flags(redis);
    }

    static String flags(RedisServerExtension redis) {
        String[] reply = redis.cli("CONFIG", "GET", "notify-keyspace-events").split("\n");
        return reply.length < 2 ? "" : reply[1];
    }

    private static Set<Thread> threads(String prefix) {
        Set<Thread> found = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                found.add(t);
            }
        });
        return found;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
