package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisClusterExtension;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same contract on a real three-master Redis Cluster, where sessions spread over every master. */
class RedisClusterSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3, "--notify-keyspace-events", "Ex");

    @Override
    protected SessionStore createStore() {
        cluster.flushAll();
        RedisServer seed = cluster.nodes().get(0);
        return RedisSessionStore.builder().cluster(Set.of(new HostAndPort(seed.host(), seed.port()))).build();
    }

    @Test
    void healthPingsEveryMasterAndNamesTheClusterTopology() {
        RedisServer seed = cluster.nodes().get(0);
        try (RedisSessionStore store = RedisSessionStore.builder()
                .cluster(Set.of(new HostAndPort(seed.host(), seed.port()))).build()) {
            dev.sessionkit.store.StoreHealth health = store.health();

            assertTrue(health.healthy(), health.toString());
            assertEquals("cluster", health.details().get("topology"));
            assertEquals("3", health.details().get("masters"));
        }
    }

    @Test
    void nearCacheHearsChangesOnEveryMaster() throws InterruptedException {
        RedisServer seed = cluster.nodes().get(0);
        Set<HostAndPort> seeds = Set.of(new HostAndPort(seed.host(), seed.port()));
        try (RedisSessionStore cached = RedisSessionStore.builder().cluster(seeds).nearCache(100)
                .configureKeyspaceNotifications(true).build();
             RedisSessionStore other = RedisSessionStore.builder().cluster(seeds).build()) {
            cached.start(new StoreContext(Duration.ZERO, id -> { }));
            other.start(new StoreContext(Duration.ZERO, id -> { }));
            assertTrue(eventually(cached::isNearCacheServing), "subscribed on every master");
            List<SessionData> sessions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SessionData session = session(null, Map.of("n", i));
                saveNew(session);
                cached.load(session.id(), now(), 60_000).live();
                sessions.add(session);
            }

            for (SessionData session : sessions) {
                other.save(with(session, Map.of("n", -1)), new SessionChanges(false, Set.of("n"), Set.of(), false));
            }

            assertTrue(eventually(() -> sessions.stream().allMatch(
                    s -> Integer.valueOf(-1).equals(attributes(cached.load(s.id(), now(), 60_000).live()).get("n")))));
        }
    }

    @Test
    void rotationWorksOnEveryMaster() {
        List<SessionData> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SessionData session = session(i % 3 == 0 ? "alice" : null, Map.of("n", i));
            saveNew(session);
            sessions.add(session);
        }
        assertTrue(cluster.nodes().stream().allMatch(node -> Long.parseLong(node.cli("DBSIZE")) > 0),
                "sessions landed on every master");

        for (SessionData session : sessions) {
            String newId = SessionIds.rotated(session.id());
            assertTrue(store.rotate(session.id(), newId, System.currentTimeMillis()));
            assertNull(store.load(session.id(), now(), 0).live());
            assertEquals(attributes(session), attributes(store.load(newId, now(), 0).live()));
        }
        assertEquals(30, admin.count());
        assertEquals(10, admin.sessionsOf("alice").size());
    }

    @Test
    void readIsOneRoundTripOnClusterTooAndTheDueTouchOneMore() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 0).live();

        cluster.resetStats();
        store.load(session.id(), now(), 60_000).live();
        store.load(session.id(), now() + 1_000, 0).live();

        assertEquals(Map.of("hgetall", 2L, "evalsha", 1L), clientCommands(cluster.commandStats()),
                "two reads, the second with its touch due");
    }

    @Test
    void expiryOnAnyMasterReachesTheListener() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SessionData session = new SessionData(SessionIds.newId(), now(), now(), 1, null, Map.of());
            saveNew(session);
            ids.add(session.id());
        }
        assertTrue(cluster.nodes().stream().filter(node -> Long.parseLong(node.cli("DBSIZE")) > 0).count() > 1,
                "sessions on more than one master");

        assertTrue(eventually(() -> expired.containsAll(ids)), "heard " + expired.size() + " of " + ids.size());
    }

    @Test
    void sessionCapEvictsTheLeastRecentlyUsedOnEveryMaster() {
        RedisServer seed = cluster.nodes().get(0);
        try (RedisSessionStore capped = RedisSessionStore.builder().cluster(Set.of(new HostAndPort(seed.host(), seed.port())))
                .maxSessions(5).build()) {
            capped.start(new StoreContext(Duration.ofHours(1), id -> { }));
            long t0 = now();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SessionData session = new SessionData(SessionIds.newId(), t0 + i, t0 + i, IDLE_SECONDS, "alice", Map.of());
                capped.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
                ids.add(session.id());
            }
            String rotated = SessionIds.rotated(ids.get(11));
            assertTrue(capped.rotate(ids.get(11), rotated, System.currentTimeMillis()));
            assertTrue(capped.delete(ids.get(10), System.currentTimeMillis()));

            assertEquals(4, capped.count());
            for (String evicted : ids.subList(0, 7)) {
                assertNull(capped.load(evicted, now(), 0).live());
            }
            assertEquals(Set.of(ids.get(7), ids.get(8), ids.get(9), rotated),
                    Set.of(cluster.cli("ZRANGE", "sessionkit:all", "0", "-1").split("\n")));
            long ttl = Long.parseLong(cluster.cli("PTTL", "sessionkit:all"));
            assertTrue(ttl > 3_590_000 && ttl <= 3_600_000, "set PTTL " + ttl);
            assertEquals(Set.of(rotated, ids.get(9), ids.get(8), ids.get(7)), Set.copyOf(ids(capped.sessionsOf("alice"))),
                    "evicted and deleted logins left alice's index");
        }
    }

    @Test
    void aSessionsOldAndNewKeysShareTheirSlot() {
        String id = SessionIds.newId();

        assertEquals(cluster.cli("CLUSTER", "KEYSLOT", key(id)), cluster.cli("CLUSTER", "KEYSLOT", key(SessionIds.rotated(id))));
    }
}
