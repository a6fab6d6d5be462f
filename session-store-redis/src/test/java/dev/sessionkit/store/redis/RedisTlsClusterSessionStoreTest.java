package dev.sessionkit.store.redis;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionLocks;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisCluster;
import dev.sessionkit.testing.redis.RedisServer;
import dev.sessionkit.testing.redis.TlsCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole store contract over TLS to a three-master Redis Cluster whose nodes also talk TLS to each other
 * ({@code tls-cluster yes}), with certificates made here and the JVM's trust store pointed at their CA.
 */
class RedisTlsClusterSessionStoreTest extends SessionStoreContract {

    private static TlsCertificates certificates;
    private static AutoCloseable trusted;
    private static RedisCluster cluster;

    @BeforeAll
    static void startTlsCluster() {
        certificates = TlsCertificates.create();
        trusted = certificates.trustedByJvm();
        cluster = RedisCluster.startTls(certificates, 3, "--notify-keyspace-events", "Ex");
    }

    @AfterAll
    static void stopTlsCluster() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
        trusted.close();
        certificates.close();
    }

    @Override
    protected SessionStore createStore() {
        cluster.flushAll();
        return RedisSessionStore.builder().cluster(Set.of(seed())).tls(true).build();
    }

    private static HostAndPort seed() {
        return new HostAndPort("127.0.0.1", cluster.tlsPorts().get(0));
    }

    @Test
    void theInitParamsReachTheTlsCluster() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        try (SessionStore configured = new RedisSessionStoreProvider().create(Map.of(
                "redis.cluster", "127.0.0.1:" + cluster.tlsPorts().get(1), "redis.tls", "true"))) {
            configured.start(StoreContext.NONE);

            LoadResult loaded = configured.load(session.id(), now(), Long.MAX_VALUE);

            assertTrue(loaded.isFound(), loaded.toString());
        }
    }

    @Test
    void withoutTlsTheClusterRefusesTheClient() {
        SessionData session = session(null, Map.of());
        assertThrows(SessionStoreUnavailableException.class, () -> {
            try (RedisSessionStore plain = RedisSessionStore.builder().cluster(Set.of(seed()))
                    .timeout(Duration.ofMillis(500)).build()) {
                plain.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
            }
        });
        assertEquals("0", cluster.nodes().get(0).cli("DBSIZE"), "and nothing was written");
    }

    @Test
    void sessionsSpreadOverEveryMasterAndEachLockLivesInItsSessionsSlot() {
        for (int i = 0; i < 30; i++) {
            saveNew(session(null, Map.of("n", i)));
        }
        for (RedisServer node : cluster.nodes()) {
            assertTrue(Long.parseLong(node.cli("DBSIZE")) > 0, node + " holds sessions: the client followed every TLS port");
        }
        String id = SessionIds.newId();
        SessionLocks locks = store.locks().orElseThrow();
        assertTrue(locks.acquire(SessionIds.lineage(id), "owner", Duration.ofSeconds(30), Duration.ZERO));
        String lockKey = "sessionkit:l:{" + SessionIds.lineage(id) + "}";
        String sessionKey = "sessionkit:s:{" + SessionIds.lineage(id) + "}" + id.substring(SessionIds.LINEAGE_LENGTH);
        RedisServer any = cluster.nodes().get(0);
        assertEquals(any.cli("CLUSTER", "KEYSLOT", sessionKey), any.cli("CLUSTER", "KEYSLOT", lockKey));
        locks.release(SessionIds.lineage(id), "owner");
    }
}
