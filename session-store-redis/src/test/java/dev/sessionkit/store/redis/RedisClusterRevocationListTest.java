package dev.sessionkit.store.redis;

import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationList.Revoked;
import dev.sessionkit.testing.redis.RedisClusterExtension;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The cookie store's revocation list on a three-master Redis Cluster, configured by init-params. */
class RedisClusterRevocationListTest {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension(3);

    @Test
    void oneLookupReadsTheLineageAndThePrincipalFromTheirOwnSlots() {
        RedisServer seed = CLUSTER.nodes().get(0);
        try (RevocationList list = new RedisRevocationListProvider().create(Map.of(
                "redis.cluster", seed.host() + ":" + seed.port(), "redis.prefix", "rev:"))) {
            long later = System.currentTimeMillis() + 60_000;
            list.revokeLineage("AAAAAAAA", 11, later);
            list.revokePrincipal("alice", 22, later);
            RedisRevocationList redis = (RedisRevocationList) list;
            assertNotEquals(JedisClusterCRC16.getSlot(redis.lineageKey("AAAAAAAA")), JedisClusterCRC16.getSlot(redis.principalKey("alice")),
                    "the keys live on different slots, so no MGET could read both");

            assertEquals(new Revoked(11, 22), list.lookup("AAAAAAAA", "alice", System.currentTimeMillis()));

            list.recordSession("alice", "AAAAAAAA", "laptop", later);
            assertEquals(Map.of("AAAAAAAA", "laptop"), list.sessionsOf("alice", System.currentTimeMillis()));
            list.forgetSessions("alice", List.of("AAAAAAAA"));
            assertEquals(Map.of(), list.sessionsOf("alice", System.currentTimeMillis()));
        }
    }
}
