package dev.sessionkit.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** How the connection init-params, shared by the store and the revocation list, become a builder. Nothing connects. */
class RedisConnectionParamsTest {

    private static RedisSessionStoreBuilder connection(Map<String, String> params) {
        return RedisSessionStoreProvider.connection(new InitParams(params), "store=redis");
    }

    private static String refusal(Map<String, String> params) {
        return assertThrows(SessionException.class, () -> connection(params)).getMessage();
    }

    @Test
    void exactlyOneWayToRedisMustBeChosen() {
        assertTrue(refusal(Map.of()).endsWith("none is set"), refusal(Map.of()));
        assertTrue(refusal(Map.of()).startsWith("store=redis needs exactly one of redis.uri"), refusal(Map.of()));
        for (Map<String, String> several : List.of(
                Map.of("redis.uri", "redis://127.0.0.1:6379", "redis.cluster", "127.0.0.1:7000"),
                Map.of("redis.cluster", "127.0.0.1:7000", "redis.sentinels", "127.0.0.1:26379"),
                Map.of("redis.uri", "redis://127.0.0.1:6379", "redis.sentinel.master", "mymaster",
                        "redis.sentinels", "127.0.0.1:26379"))) {
            assertTrue(refusal(several).endsWith("several are set"), several + ": " + refusal(several));
        }
    }

    @Test
    void aSentinelSetupNeedsBothTheMasterAndTheSentinels() {
        assertTrue(refusal(Map.of("redis.sentinels", "127.0.0.1:26379"))
                .startsWith("redis.sentinels is set but redis.sentinel.master"));
        assertTrue(refusal(Map.of("redis.sentinel.master", "mymaster"))
                .startsWith("redis.sentinel.master is set but redis.sentinels"));
        RedisSessionStoreBuilder builder = connection(Map.of("redis.sentinel.master", "mymaster",
                "redis.sentinels", "127.0.0.1:26379, 127.0.0.1:26380"));
        assertEquals("mymaster", builder.sentinelMaster);
        assertEquals(Set.of(new HostAndPort("127.0.0.1", 26379), new HostAndPort("127.0.0.1", 26380)),
                builder.sentinels);
    }

    @Test
    void clusterNodesAreHostPortPairsSeparatedByCommasOrSpaces() {
        RedisSessionStoreBuilder builder = connection(Map.of("redis.cluster", "10.0.0.1:1,10.0.0.2:65535 10.0.0.3:7000"));
        assertEquals(Set.of(new HostAndPort("10.0.0.1", 1), new HostAndPort("10.0.0.2", 65535),
                new HostAndPort("10.0.0.3", 7000)), builder.clusterNodes);
        assertEquals(Set.of(new HostAndPort("::1", 7000)),
                connection(Map.of("redis.cluster", "::1:7000")).clusterNodes, "the port follows the last colon");
    }

    @Test
    void aNodeWithoutAHostOrAValidPortIsNamedInTheRefusal() {
        for (String entry : List.of(":7000", "10.0.0.1", "10.0.0.1:", "10.0.0.1:0", "10.0.0.1:65536", "10.0.0.1:x")) {
            assertEquals("redis.cluster must list host:port entries separated by commas, found '" + entry + "'",
                    refusal(Map.of("redis.cluster", "10.0.0.2:7000," + entry)), entry);
        }
    }

    @Test
    void credentialsGoWithClusterAndSentinelsButInsideAUri() {
        RedisSessionStoreBuilder both = connection(Map.of("redis.cluster", "10.0.0.1:7000",
                "redis.user", "app", "redis.password", "secret"));
        assertEquals("app", both.user);
        assertEquals("secret", both.password);
        RedisSessionStoreBuilder passwordOnly = connection(Map.of("redis.cluster", "10.0.0.1:7000",
                "redis.password", "secret"));
        assertNull(passwordOnly.user);
        assertEquals("secret", passwordOnly.password);
        assertEquals("redis.user is set but redis.password is not",
                refusal(Map.of("redis.cluster", "10.0.0.1:7000", "redis.user", "app")));
        assertTrue(refusal(Map.of("redis.uri", "redis://127.0.0.1:6379", "redis.user", "app"))
                .contains("put them in redis.uri instead"));
    }

    @Test
    void tlsIsAFlagForClusterAndSentinelsAndAnErrorBesideAUri() {
        assertTrue(connection(Map.of("redis.cluster", "10.0.0.1:7000", "redis.tls", "true")).tls);
        assertFalse(connection(Map.of("redis.cluster", "10.0.0.1:7000")).tls);
        assertTrue(refusal(Map.of("redis.uri", "redis://127.0.0.1:6379", "redis.tls", "false"))
                .startsWith("redis.tls applies to redis.cluster and redis.sentinels"));
    }

    @Test
    void prefixTimeoutAndPoolSizeReachTheBuilder() {
        RedisSessionStoreBuilder builder = connection(Map.of("redis.uri", "redis://127.0.0.1:6379",
                "redis.prefix", "app:", "redis.timeout", "750ms", "redis.pool-size", "3"));
        assertEquals("app:", builder.keyPrefix);
        assertEquals(Duration.ofMillis(750), builder.timeout);
        assertEquals(3, builder.poolSize);
    }

    @Test
    void theBuildersBoundsAreInclusiveAndItsSettersChain() {
        RedisSessionStoreBuilder builder = RedisSessionStore.builder();
        assertSame(builder, builder.timeout(Duration.ofMillis(Integer.MAX_VALUE)));
        assertThrows(SessionException.class, () -> builder.timeout(Duration.ofMillis(Integer.MAX_VALUE + 1L)));
        assertThrows(SessionException.class, () -> builder.timeout(Duration.ofMillis(-1)));
        assertSame(builder, builder.timeout(Duration.ofMillis(1)));
        assertSame(builder, builder.poolSize(1));
        assertSame(builder, builder.maxSessionsPerUser(0));
        assertSame(builder, builder.tls(true));
        assertEquals(Duration.ofMillis(1), builder.timeout);
        assertEquals(1, builder.poolSize);
        assertEquals(0, builder.maxSessionsPerUser);
    }
}
