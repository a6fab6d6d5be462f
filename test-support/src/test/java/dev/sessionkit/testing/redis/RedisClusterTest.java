package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisClusterTest {

    @RegisterExtension
    static RedisClusterExtension cluster = new RedisClusterExtension();

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    @Test
    void clusterReachesStateOk() {
        List<RedisServer> nodes = cluster.nodes();
        assertEquals(3, nodes.size());
        for (RedisServer node : nodes) {
            List<String> info = node.cli("CLUSTER", "INFO").lines().map(String::strip).toList();
            assertTrue(info.contains("cluster_state:ok"), node + ": " + info);
            assertTrue(info.contains("cluster_slots_assigned:16384"), node + ": " + info);
            assertTrue(info.contains("cluster_known_nodes:3"), node + ": " + info);
            assertTrue(node.port() + 10000 <= 65535, node + " leaves no room for its cluster bus port");
        }
        assertEquals(nodes.get(0).uri(), cluster.uri());
    }

    @Test
    void cliFollowsRedirectsToTheNodeOwningTheKey() {
        for (int i = 0; i < 20; i++) {
            assertEquals("OK", cluster.cli("SET", "key" + i, "value" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("value" + i, cluster.cli("GET", "key" + i));
        }
        long nodesHoldingKeys = cluster.nodes().stream().filter(node -> !node.cli("DBSIZE").equals("0")).count();
        assertTrue(nodesHoldingKeys > 1, "20 keys all landed on one node");
    }

    @Test
    void commandStatsAreSummedAcrossNodes() {
        cluster.resetStats();
        for (int i = 0; i < 20; i++) {
            cluster.cli("SET", "key" + i, "value");
        }
        assertEquals(20L, cluster.commandStats().get("set"));
        for (RedisServer node : cluster.nodes()) {
            assertTrue(node.commandStats().getOrDefault("set", 0L) < 20L, node + " took every SET");
        }
    }

    @Test
    void flushAllEmptiesEveryMaster() {
        for (int i = 0; i < 20; i++) {
            cluster.cli("SET", "key" + i, "value");
        }
        cluster.flushAll();
        for (RedisServer node : cluster.nodes()) {
            assertEquals("0", node.cli("DBSIZE"), node.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void clusterOfFewerThanThreeMastersOwnsEverySlotAndServesKeys(int masters) {
        try (RedisCluster small = RedisCluster.start(masters)) {
            assertEquals(masters, small.nodes().size());
            for (RedisServer node : small.nodes()) {
                List<String> info = node.cli("CLUSTER", "INFO").lines().map(String::strip).toList();
                assertTrue(info.contains("cluster_state:ok"), node + ": " + info);
                assertTrue(info.contains("cluster_slots_assigned:16384"), node + ": " + info);
                assertTrue(info.contains("cluster_known_nodes:" + masters), node + ": " + info);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("OK", small.cli("SET", "key" + i, "value" + i));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("value" + i, small.cli("GET", "key" + i));
            }
            long nodesHoldingKeys = small.nodes().stream().filter(node -> !node.cli("DBSIZE").equals("0")).count();
            assertEquals(masters, nodesHoldingKeys, "keys are not spread over every master");
        }
    }

    @Test
    void refusesZeroMasters() {
        assertThrows(IllegalArgumentException.class, () -> RedisCluster.start(0));
    }
}
