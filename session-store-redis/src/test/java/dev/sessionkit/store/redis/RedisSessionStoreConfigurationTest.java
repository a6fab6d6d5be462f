package dev.sessionkit.store.redis;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder and the {@code store=redis} init-params: good settings work, bad ones say what to fix. */
class RedisSessionStoreConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void initParamsChooseTheRedisStore() {
        Map<String, String> params = Map.of(
                "secret", "redis-config-secret-0123456789abcdefghij",
                "store", "redis",
                "redis.uri", redis.uri(),
                "redis.prefix", "shop:",
                "redis.timeout", "1s",
                "redis.pool-size", "4",
                "redis.max-sessions-per-user", "3",
                "redis.max-sessions", "1000",
                "redis.expiry-events", "false");

        try (SessionStore store = SessionConfig.fromInitParams(params, name -> null).store()) {
            assertInstanceOf(RedisSessionStore.class, store);
            long now = System.currentTimeMillis();
            SessionData session = new SessionData(SessionIds.newId(), now, now, 60, null, Map.of());
            assertEquals(session.id(), store.save(session, new SessionChanges(true, Set.of(), Set.of(), false)));

            assertEquals("1", redis.cli("EXISTS", "shop:s:{" + SessionIds.lineage(session.id()) + "}"
                    + session.id().substring(SessionIds.LINEAGE_LENGTH)));
            assertEquals("1", redis.cli("ZCARD", "shop:all"), "redis.max-sessions turned the session cap on");
        }
    }

    @Test
    void aMisspelledRedisInitParamFailsBeforeAnyConnection() {
        SessionException e = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(Map.of(
                "secret", "redis-config-secret-0123456789abcdefghij", "store", "redis", "redis.uri", redis.uri(),
                "redis.pool-sise", "4"), name -> null));
        assertTrue(e.getMessage().contains("did you mean redis.pool-size?"), e.getMessage());
    }

    @Test
    void theProviderIsRegisteredAsRedis() {
        assertTrue(ServiceLoader.load(SessionStoreProvider.class).stream()
                .anyMatch(p -> p.get() instanceof RedisSessionStoreProvider && p.get().name().equals("redis")));
    }

    @Test
    void wrongInitParamsAreNamed() {
        assertMessage("redis.uri", Map.of());
        assertMessage("several", Map.of("redis.uri", redis.uri(), "redis.cluster", "127.0.0.1:7000"));
        assertMessage("redis.uri", Map.of("redis.uri", "http://127.0.0.1:6379"));
        assertMessage("redis.cluster", Map.of("redis.cluster", "127.0.0.1"));
        assertMessage("redis.sentinels", Map.of("redis.sentinels", "127.0.0.1:26379:x"));
        assertMessage("redis.sentinel.master", Map.of("redis.sentinels", "127.0.0.1:26379"));
        assertMessage("redis.timeout", Map.of("redis.uri", redis.uri(), "redis.timeout", "soon"));
        assertMessage("redis.timeout", Map.of("redis.uri", redis.uri(), "redis.timeout", "0"));
        assertMessage("redis.pool-size", Map.of("redis.uri", redis.uri(), "redis.pool-size", "many"));
        assertMessage("redis.pool-size", Map.of("redis.uri", redis.uri(), "redis.pool-size", "0"));
        assertMessage("redis.max-sessions-per-user", Map.of("redis.uri", redis.uri(), "redis.max-sessions-per-user", "-1"));
        assertMessage("redis.max-sessions", Map.of("redis.uri", redis.uri(), "redis.max-sessions", "-1"));
        assertMessage("redis.max-sessions", Map.of("redis.uri", redis.uri(), "redis.max-sessions", "lots"));
        assertMessage("redis.prefix", Map.of("redis.uri", redis.uri(), "redis.prefix", "{app}:"));
        assertMessage("redis.password", Map.of("redis.uri", redis.uri(), "redis.password", "secret"));
        assertMessage("redis.tls", Map.of("redis.uri", redis.uri(), "redis.tls", "maybe"));
        assertMessage("redis.expiry-events", Map.of("redis.uri", redis.uri(), "redis.expiry-events", "sometimes"));
        assertMessage("redis.near-cache", Map.of("redis.uri", redis.uri(), "redis.near-cache", "-1"));
        assertMessage("redis.near-cache", Map.of("redis.uri", redis.uri(), "redis.near-cache", "big"));
        assertMessage("redis.near-cache.max-age", Map.of("redis.uri", redis.uri(), "redis.near-cache.max-age", "0"));
    }

    @Test
    void initParamsTurnTheNearCacheOn() throws InterruptedException {
        Map<String, String> params = Map.of(
                "secret", "redis-config-secret-0123456789abcdefghij",
                "store", "redis",
                "redis.uri", redis.uri(),
                "redis.near-cache", "100",
                "redis.near-cache.max-age", "2s",
                "redis.configure-keyspace-notifications", "true");

        try (RedisSessionStore store = (RedisSessionStore) SessionConfig.fromInitParams(params, name -> null).store()) {
            store.start(new StoreContext(Duration.ZERO, id -> { }));
            assertTrue(RedisSessionStoreTest.eventually(store::isNearCacheServing));
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @Test
    void builderRefusesAmbiguousOrMeaninglessSettings() {
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().build());
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().uri(redis.uri())
                .cluster(Set.of(new HostAndPort("127.0.0.1", 7000))).build());
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().uri(redis.uri())
                .credentials("user", "password").build());
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().uri("redis:///no-host"));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().timeout(Duration.ZERO));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().poolSize(0));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().maxSessionsPerUser(-1));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().maxSessions(-1));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().keyPrefix("a{b}"));
        assertThrows(SessionException.class, () -> RedisSessionStore.builder().cluster(Set.of()));
    }

    @Test
    void clusterThatCannotBeReachedIsUnavailableAtBuild() {
        SessionStoreUnavailableException e = assertThrows(SessionStoreUnavailableException.class, () -> RedisSessionStore.builder()
                .cluster(Set.of(new HostAndPort("127.0.0.1", 1))).timeout(Duration.ofMillis(300)).build());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
    }

    private static void assertMessage(String expected, Map<String, String> redisParams) {
        Map<String, String> params = new HashMap<>(redisParams);
        params.put("store", "redis");
        SessionException e = assertThrows(SessionException.class, () -> new RedisSessionStoreProvider().create(params).close());
        assertTrue(e.getMessage().contains(expected), () -> "'" + expected + "' not in: " + e.getMessage());
    }
}
