package dev.sessionkit.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationList.Revoked;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreHealth;
import dev.sessionkit.testing.redis.RedisServer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The cookie store's revocation list on a standalone Redis, built from init-params as the cookie store builds it. */
class RedisRevocationListTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final long LATER = System.currentTimeMillis() + 600_000;

    private RevocationList list(String prefix) {
        redis.flushAll();
        return new RedisRevocationListProvider().create(Map.of("redis.uri", redis.uri(), "redis.prefix", prefix));
    }

    @Test
    void theProviderIsNamedRedisAndTakesTheStoresConnectionParameters() {
        RedisRevocationListProvider provider = new RedisRevocationListProvider();
        assertEquals("redis", provider.name());
        assertEquals(RedisSessionStoreProvider.CONNECTION_PARAMETERS, provider.parameters());
    }

    @Test
    void revocationsLiveUnderThePrefixAndExpireWithTheirSessions() {
        try (RevocationList list = list("rev:")) {
            list.revokeLineage("AAAAAAAA", 11, LATER);
            list.revokePrincipal("alice", 22, LATER);
            list.recordSession("alice", "AAAAAAAA", "laptop", LATER);

            assertEquals("11", redis.cli("GET", "rev:revoked:l:AAAAAAAA"));
            assertEquals("22", redis.cli("GET", "rev:revoked:p:alice"));
            assertEquals("AAAAAAAA\n" + LATER + "|laptop", redis.cli("HGETALL", "rev:cookie-sessions:alice"));
            long ttl = Long.parseLong(redis.cli("PTTL", "rev:revoked:l:AAAAAAAA"));
            assertTrue(ttl > 590_000 && ttl <= 600_000, "expires at the absolute timeout: " + ttl);
            long recordTtl = Long.parseLong(redis.cli("PTTL", "rev:cookie-sessions:alice"));
            assertTrue(recordTtl > 590_000 && recordTtl <= 600_000, "the record too: " + recordTtl);
        }
    }

    @Test
    void aLookupReadsTheLineageAloneOrTogetherWithThePrincipal() {
        try (RevocationList list = list("rev:")) {
            long now = System.currentTimeMillis();
            assertEquals(new Revoked(0, 0), list.lookup("AAAAAAAA", "alice", now));
            list.revokeLineage("AAAAAAAA", 11, LATER);
            assertEquals(new Revoked(11, 0), list.lookup("AAAAAAAA", null, now));
            assertEquals(new Revoked(11, 0), list.lookup("AAAAAAAA", "alice", now));
            list.revokePrincipal("alice", 22, LATER);
            assertEquals(new Revoked(11, 22), list.lookup("AAAAAAAA", "alice", now));
            assertEquals(new Revoked(0, 22), list.lookup("BBBBBBBB", "alice", now));
        }
    }

    @Test
    void aValueThatIsNotANumberCountsAsNoRevocation() {
        try (RevocationList list = list("rev:")) {
            redis.cli("SET", "rev:revoked:l:AAAAAAAA", "garbage");
            redis.cli("SET", "rev:revoked:p:alice", "33");
            assertEquals(new Revoked(0, 33), list.lookup("AAAAAAAA", "alice", System.currentTimeMillis()));
        }
    }

    @Test
    void sessionsOfListsOnlyLiveSessionsWithTheirDescriptions() {
        try (RevocationList list = list("rev:")) {
            long now = System.currentTimeMillis();
            list.recordSession("alice", "AAAAAAAA", "laptop | Firefox", LATER);
            list.recordSession("alice", "BBBBBBBB", "phone", now + 1_000);
            redis.cli("HSET", "rev:cookie-sessions:alice", "CCCCCCCC", "no bar", "DDDDDDDD", "|starts with a bar");

            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("AAAAAAAA", "laptop | Firefox");
            expected.put("BBBBBBBB", "phone");
            assertEquals(expected, list.sessionsOf("alice", now));
            assertEquals(Map.of("AAAAAAAA", "laptop | Firefox"), list.sessionsOf("alice", now + 1_000),
                    "a session is over at its expiry instant");
            assertEquals(Map.of(), list.sessionsOf("bob", now));
        }
    }

    @Test
    void forgettingRemovesOnlyTheNamedSessions() {
        try (RevocationList list = list("rev:")) {
            list.recordSession("alice", "AAAAAAAA", "laptop", LATER);
            list.recordSession("alice", "BBBBBBBB", "phone", LATER);
            redis.resetStats();
            list.forgetSessions("alice", List.of());
            assertFalse(redis.commandStats().containsKey("hdel"), "nothing to forget sends nothing");
            list.forgetSessions("alice", List.of("AAAAAAAA"));
            assertEquals(Map.of("BBBBBBBB", "phone"), list.sessionsOf("alice", System.currentTimeMillis()));
        }
    }

    @Test
    void pastTheLimitARecordDropsItsExpiredSessions() {
        try (RevocationList list = list("rev:")) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < RedisRevocationList.RECORD_PRUNE_ABOVE; i++) {
                redis.cli("HSET", "rev:cookie-sessions:alice", "OLD" + i, (now - 1) + "|gone");
            }
            list.recordSession("alice", "AAAAAAAA", "laptop", LATER);
            assertEquals("1", redis.cli("HLEN", "rev:cookie-sessions:alice"));
        }
    }

    @Test
    void healthIsATimedPingAndSaysWhenRedisIsGone() {
        RedisServer own = RedisServer.start();
        RevocationList list = new RedisRevocationListProvider().create(Map.of("redis.uri", own.uri(), "redis.timeout", "PT1S"));
        try {
            StoreHealth up = list.health();
            assertTrue(up.healthy());
            assertTrue(up.latency().compareTo(Duration.ofSeconds(5)) < 0, up.toString());
            own.stop();
            StoreHealth down = list.health();
            assertFalse(down.reachable());
            assertTrue(down.latency().compareTo(Duration.ofSeconds(5)) < 0, down.toString());
            assertTrue(down.warnings().get(0).startsWith("Redis (revocation list): "), down.toString());
            assertThrows(SessionStoreUnavailableException.class,
                    () -> list.lookup("AAAAAAAA", "alice", System.currentTimeMillis()));
        } finally {
            list.close();
            own.stop();
        }
    }

    @Test
    void aListOnTheApplicationsClientLeavesItOpenAndOneItBuiltClosesIt() {
        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            RedisRevocationList list = RedisRevocationList.of(client, "app:");
            list.revokeLineage("AAAAAAAA", 11, LATER);
            list.close();
            assertEquals("11", client.get("app:revoked:l:AAAAAAAA"), "the application's client still works");
        }
        RevocationList built = list("rev:");
        built.close();
        assertThrows(RuntimeException.class, () -> built.lookup("AAAAAAAA", null, 0));
    }

    @Test
    void toStringNamesTheEndpointAndThePrefix() {
        try (RevocationList list = list("rev:")) {
            String text = list.toString();
            assertTrue(text.startsWith("RedisRevocationList[") && text.contains(redis.host() + ":" + redis.port())
                    && text.endsWith(", prefix=rev:]"), text);
        }
    }
}
