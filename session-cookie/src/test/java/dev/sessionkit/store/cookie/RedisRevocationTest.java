package dev.sessionkit.store.cookie;

import dev.sessionkit.store.ForwardingRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.redis.RedisRevocationList;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Revocation with the Redis list on a real redis-server, in embedded Jetty. */
class RedisRevocationTest extends RevocationFilterContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisClient client;

    @Override
    protected RevocationList newList() {
        REDIS.flushAll();
        client = RedisClient.create(REDIS.host(), REDIS.port());
        return new ClosingList(RedisRevocationList.of(client, "sessionkit:"), client);
    }

    /** One command per lookup: GET for an anonymous session, MGET of lineage and principal for a logged-in one. */
    @Override
    protected long lookups() {
        Map<String, Long> calls = REDIS.commandStats();
        return calls.getOrDefault("get", 0L) + calls.getOrDefault("mget", 0L);
    }

    @Override
    protected void forgetRecords(String principal) {
        REDIS.cli("DEL", "sessionkit:cookie-sessions:" + principal);
    }

    @Test
    void aLoggedInRequestLooksUpWithOneMget() {
        CookieClient browser = loggedIn("alice");
        REDIS.resetStats();

        get(browser, "/s/principal");

        assertEquals(Map.of("mget", 1L), REDIS.commandStats().entrySet().stream()
                .filter(e -> !e.getKey().equals("info") && !e.getKey().equals("config|resetstat"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void entriesExpireWithTheAbsoluteTimeout() {
        CookieClient browser = loggedIn("alice");
        String lineage = sessionId(browser).substring(0, 8);

        get(browser, "/s/invalidate");
        get(new CookieClient(), "/admin/logout-everywhere?user=bob");

        for (String key : List.of("sessionkit:revoked:l:" + lineage, "sessionkit:revoked:p:bob", "sessionkit:cookie-sessions:alice")) {
            long ttl = Long.parseLong(REDIS.cli("PTTL", key).trim());
            assertTrue(ttl > ABSOLUTE.toMillis() - 60_000 && ttl <= ABSOLUTE.toMillis(), key + " lives " + ttl + " ms");
        }
    }

    @Test
    void redisDownAnswers503AndServesNoSession() {
        CookieClient browser = loggedIn("alice");
        REDIS.kill();
        try {
            HttpResponse<String> response = browser.get(server.uri("/s/principal"));

            assertEquals(503, response.statusCode(), response.body());
            assertTrue(!response.body().contains("alice"), response.body());
        } finally {
            REDIS.restart();
        }
    }

    @Test
    void initParamsChooseTheRedisList() {
        CookieSessionStoreProvider provider = new CookieSessionStoreProvider(name -> Keysets.toJson(
                CookieKeys.generate(CookieAead.AES256_GCM)));
        try (CookieSessionStore fromParams = (CookieSessionStore) provider.create(Map.of(
                "cookie-store.keyset-env", "KEYSET", "cookie-store.cleartext-keyset", "true",
                "cookie-store.revocation", "redis", "redis.uri", REDIS.uri(), "redis.prefix", "params:"))) {
            fromParams.start(new dev.sessionkit.store.StoreContext(ABSOLUTE, id -> { }));
            fromParams.delete(dev.sessionkit.store.SessionIds.newId().replaceFirst("^.{8}", "LINEAGE1"), System.currentTimeMillis());

            assertEquals(1L, Long.parseLong(REDIS.cli("EXISTS", "params:revoked:l:LINEAGE1").trim()));
        }
    }

    @Test
    void aRevocationNeverMovesBack() {
        try (RedisClient direct = RedisClient.create(REDIS.host(), REDIS.port())) {
            RedisRevocationList list = RedisRevocationList.of(direct, "back:");
            long now = System.currentTimeMillis();
            list.revokeLineage("AAAAAAAA", RevocationList.FOREVER, now + 100_000);

            list.revokeLineage("AAAAAAAA", 7, now + 50_000);

            assertEquals(RevocationList.FOREVER, list.lookup("AAAAAAAA", null, now).lineageIssuedBefore());
            assertTrue(Long.parseLong(REDIS.cli("PTTL", "back:revoked:l:AAAAAAAA").trim()) > 90_000, "nor does its lifetime shrink");
        }
    }

    @Test
    void aUsersSessionRecordForgetsExpiredSessionsPastAHundred() {
        try (RedisClient direct = RedisClient.create(REDIS.host(), REDIS.port())) {
            RedisRevocationList list = RedisRevocationList.of(direct, "bounded:");
            long now = System.currentTimeMillis();
            list.recordSession("alice", "LIVE0000", "live", now + 100_000);
            for (int i = 0; i < 101; i++) {
                list.recordSession("alice", "GONE" + String.format("%04d", i), "gone", now - 1);
            }

            assertTrue(Long.parseLong(REDIS.cli("HLEN", "bounded:cookie-sessions:alice").trim()) <= 100);
            assertEquals(Map.of("LIVE0000", "live"), list.sessionsOf("alice", now));
        }
    }

    /** The list, and the client the test made for it. */
    private static final class ClosingList extends ForwardingRevocationList {
        private final RedisClient client;

        ClosingList(RevocationList list, RedisClient client) {
            super(list);
            this.client = client;
        }

        @Override
        public void close() {
            super.close();
            client.close();
        }
    }
}
