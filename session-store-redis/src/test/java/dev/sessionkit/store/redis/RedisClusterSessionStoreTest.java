package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.testing.redis.RedisClusterExtension;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

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
            assertTrue(store.rotate(session.id(), newId));
            assertNull(store.load(session.id(), now(), 0));
            assertEquals(attributes(session), attributes(store.load(newId, now(), 0)));
        }
        assertEquals(30, admin.count());
        assertEquals(10, admin.sessionsOf("alice").size());
    }

    @Test
    void readIsOneRoundTripOnClusterToo() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 0);

        cluster.resetStats();
        store.load(session.id(), now(), 60_000);
        store.load(session.id(), now() + 1_000, 0);

        assertEquals(Map.of("evalsha", 2L), clientCommands(cluster.commandStats()));
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
    void aSessionsOldAndNewKeysShareTheirSlot() {
        String id = SessionIds.newId();

        assertEquals(cluster.cli("CLUSTER", "KEYSLOT", key(id)), cluster.cli("CLUSTER", "KEYSLOT", key(SessionIds.rotated(id))));
    }
}
