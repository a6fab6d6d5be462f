package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
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

import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache when Redis loses {@code notify-keyspace-events}: a stock server (the setting empty) that
 * persists its data, so a restart keeps the sessions but forgets what CONFIG SET turned on. Entries live
 * for a minute here, so only notifications can end a stale one within the test.
 */
class RedisNearCacheSettingsTest {

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension("--appendonly", "yes", "--appendfsync", "always");

    private final List<RedisSessionStore> stores = new ArrayList<>();

    @BeforeEach
    void stockSetting() {
        assertEquals("", flags(), "a stock server announces nothing");
    }

    @AfterEach
    void close() {
        stores.forEach(RedisSessionStore::close);
    }

    @Test
    void afterARestartTheCacheServesAgainOnlyWithTheSettingReappliedAndHearsALogoutOnAnotherInstance()
            throws InterruptedException {
        RedisSessionStore a = started(true);
        RedisSessionStore b = started(true);
        assertTrue(eventually(() -> a.isNearCacheServing() && b.isNearCacheServing()));
        SessionData session = session("alice");
        a.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
        assertTrue(eventually(() -> isCached(b, session.id())));

        redis.restart(); // B may be serving again by the time it returns: the restart takes longer than B's recovery
        assertTrue(eventually(b::isNearCacheServing), "serves again");
        String flags = flags();
        assertTrue(KeyspaceNotifications.missingEvents(flags, "EKghxe").isEmpty(), "only with the setting back: " + flags);

        assertTrue(eventually(() -> isCached(b, session.id())), "the session survived the restart and is cached again");
        assertEquals(1, a.deleteAllOf("alice"), "log out everywhere, on instance A");
        assertTrue(eventually(() -> b.load(session.id(), now(), 60_000).live() == null, Duration.ofSeconds(2)),
                "instance B's cache heard the logout");
    }

    @Test
    void afterARestartWithoutConfiguringTheCacheServesNothingUntilTheSettingIsBack() throws InterruptedException {
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "EKghxe");
        RedisSessionStore b = started(false);
        assertTrue(eventually(b::isNearCacheServing));

        redis.restart();
        assertTrue(eventually(() -> !b.isNearCacheServing()), "the lost subscription is noticed");
        Thread.sleep(3_000); // long enough to resubscribe and to check the setting at least once
        assertFalse(b.isNearCacheServing(), "subscribed again, but Redis announces nothing now");

        redis.cli("CONFIG", "SET", "notify-keyspace-events", "EKghxe");
        assertTrue(eventually(b::isNearCacheServing, Duration.ofSeconds(5)), "serves again once the setting is back");
    }

    private RedisSessionStore started(boolean configure) {
        RedisSessionStore store = KeyspaceSubscriberTest.startedWithNearCache(redis, configure);
        stores.add(store);
        return store;
    }

    private String flags() {
        return KeyspaceSubscriberTest.flags(redis);
    }

    private boolean isCached(RedisSessionStore store, String id) {
        return KeyspaceSubscriberTest.isCached(redis, store, id);
    }

    private static SessionData session(String principal) {
        return new SessionData(SessionIds.newId(), now(), now(), 1800, principal, Map.of());
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
