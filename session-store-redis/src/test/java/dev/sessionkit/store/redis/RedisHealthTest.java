package dev.sessionkit.store.redis;

import dev.sessionkit.store.StoreHealth;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RedisSessionStore#health()} against a real redis-server: up, with expiry events off, and down. */
class RedisHealthTest {

    @Test
    void aServerWithExpiryEventsIsHealthyAndReportsTopologyAndVersion() {
        try (RedisServer redis = RedisServer.start("--notify-keyspace-events", "Ex");
             RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).build()) {
            long started = System.nanoTime();
            StoreHealth health = store.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(health.healthy(), health.toString());
            assertTrue(health.latency().compareTo(took) <= 0, health.latency() + " is no longer than the check, " + took);
            assertEquals("standalone", health.details().get("topology"));
            assertEquals(serverVersion(redis), health.details().get("version"));
            assertEquals("1", health.details().get("masters"));
            assertTrue(health.latency().compareTo(Duration.ZERO) > 0, "the PING was timed");
        }
    }

    @Test
    void aStockServerAnswersButWarnsThatExpiryEventsAreOffNamingTheSetting() {
        try (RedisServer redis = RedisServer.start();
             RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).build()) {
            StoreHealth health = store.health();

            assertTrue(health.reachable());
            assertFalse(health.healthy());
            assertEquals(1, health.warnings().size(), health.warnings().toString());
            assertTrue(health.warnings().get(0).contains("notify-keyspace-events"), health.warnings().get(0));
        }
    }

    @Test
    void withExpiryEventsTurnedOffAStockServerIsHealthy() {
        try (RedisServer redis = RedisServer.start();
             RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).expiryEvents(false).build()) {
            assertTrue(store.health().healthy(), store.health().toString());
        }
    }

    @Test
    void aStoppedServerIsUnreachableWithinTheTimeoutAndTheReasonNamesTheEndpoint() {
        try (RedisServer redis = RedisServer.start("--notify-keyspace-events", "Ex");
             RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).timeout(Duration.ofMillis(500)).build()) {
            assertTrue(store.health().reachable());
            redis.stop();

            long started = System.nanoTime();
            StoreHealth health = store.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertFalse(health.reachable());
            assertTrue(health.warnings().get(0).contains(String.valueOf(redis.port())), health.warnings().toString());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered in " + took);
            assertTrue(health.latency().compareTo(took) <= 0, health.latency() + " is no longer than the check, " + took);
        }
    }

    @Test
    void aUserRefusedPingIsReachableAndToldWhichPermissionsToGrant() {
        try (RedisServer redis = RedisServer.start("--notify-keyspace-events", "Ex",
                "--user", "app", "on", ">pw", "~*", "&*", "+@all", "-ping");
             RedisSessionStore store = RedisSessionStore.builder()
                     .uri("redis://app:pw@" + redis.host() + ":" + redis.port()).build()) {
            long started = System.nanoTime();
            StoreHealth health = store.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(health.reachable(), health.toString());
            assertEquals(1, health.warnings().size(), health.warnings().toString());
            assertTrue(health.warnings().get(0).contains("refused PING")
                    && health.warnings().get(0).contains("grant the store's user +ping"), health.warnings().get(0));
            assertTrue(health.latency().compareTo(took) <= 0, health.latency() + " is no longer than the check, " + took);
        }
    }

    @Test
    void theVersionIsReadFromTheInfoReply() {
        assertEquals("7.2.4", RedisHealth.version("# Server\r\nredis_version:7.2.4\r\nredis_mode:standalone\r\n"));
        assertEquals("unknown", RedisHealth.version("# Server\r\n"));
    }

    private static String serverVersion(RedisServer redis) {
        return RedisHealth.version(redis.cli("INFO", "server"));
    }
}
