package dev.sessionkit.store.redis;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.TestSigner;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whoever reads the whole Redis (a dump, a replica, {@code KEYS}, {@code MONITOR}) finds no value that opens
 * a session: every key, field, value and index member is read raw and searched for the live cookie's ID.
 */
class RedisStoreDumpTest {

    private static final String SECRET = "dump-secret-0123456789abcdefghijklmnop";
    private static final Pattern SESSION_KEY = Pattern.compile("sessionkit:s:\\{([A-Za-z0-9_-]{8})}([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void noKeyValueOrIndexEntryOfRedisOpensALiveSession() {
        redis.flushAll();
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false)
                .store(RedisSessionStore.builder().uri(redis.uri()).build()).build();
        try (ServletContainer server = JettyServer.builder().filter(new SessionFilter(config), "/*")
                .servlet(new SessionServlet(), "/s/*").start()) {
            CookieClient alice = new CookieClient();
            alice.get(server.uri("/s/set?name=cart&value=3"));
            String id = alice.get(server.uri("/s/login?user=alice")).body(); // leaves a rotation marker, an index entry
            String cookie = alice.cookie("SESSION");

            String dump = dump();
            assertTrue(dump.contains("alice"), "the dump holds the session (principal, index): " + dump);
            assertFalse(dump.contains(id), "no session ID");
            assertFalse(dump.contains(id.substring(SessionIds.LINEAGE_LENGTH)),
                    "nor the 256 bits after the lineage (the lineage, 48 bits, is the key's prefix and hash tag)");
            assertFalse(dump.contains(cookie.substring(cookie.indexOf('.') + 1)), "nor the cookie's tag");

            // Every ID Redis does hold, signed even with the real secret, opens nothing.
            List<String> storeIds = new ArrayList<>();
            Matcher keys = SESSION_KEY.matcher(dump);
            while (keys.find()) {
                storeIds.add(keys.group(1) + keys.group(2));
            }
            assertEquals(1, storeIds.stream().distinct().count(), "one live session: " + storeIds);
            for (String storeId : storeIds) {
                CookieClient thief = new CookieClient();
                thief.setCookie("SESSION", TestSigner.sign(List.of(SECRET), "SESSION", storeId));
                assertEquals("no-session", thief.get(server.uri("/s/get?name=cart")).body());
            }
            assertEquals("3", alice.get(server.uri("/s/get?name=cart")).body(), "the real cookie still works");
        }
    }

    @Test
    void withEncryptionAtRestNoAttributeValueIsInRedis() throws Exception {
        redis.flushAll();
        KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false).encryptAttributes(keyset)
                .store(RedisSessionStore.builder().uri(redis.uri()).build()).build();
        try (ServletContainer server = JettyServer.builder().filter(new SessionFilter(config), "/*")
                .servlet(new SessionServlet(), "/s/*").start()) {
            CookieClient alice = new CookieClient();
            alice.get(server.uri("/s/login?user=alice"));
            alice.get(server.uri("/s/set?name=card&value=4111-1111-1111-1111"));
            StringBuilder dump = new StringBuilder();
            try (RedisClient raw = RedisClient.create(redis.host(), redis.port())) {
                for (String key : raw.keys("*")) {
                    if (raw.type(key).equals("hash")) {
                        raw.hgetAll(key.getBytes(StandardCharsets.UTF_8)).forEach((field, value) -> dump
                                .append(new String(field, StandardCharsets.ISO_8859_1)).append('=')
                                .append(new String(value, StandardCharsets.ISO_8859_1)).append('\n'));
                    }
                }
            }
            assertTrue(dump.indexOf("a:card") >= 0 && dump.indexOf("alice") >= 0, "names and principal stay readable: " + dump);
            assertFalse(dump.indexOf("4111") >= 0, "the value is sealed");
            assertEquals("4111-1111-1111-1111", alice.get(server.uri("/s/get?name=card")).body());
        }
    }

    /** Every key with its type and whole content, as redis-cli prints them. */
    private static String dump() {
        StringBuilder dump = new StringBuilder();
        for (String key : redis.cli("KEYS", "*").lines().toList()) {
            String type = redis.cli("TYPE", key).trim();
            dump.append(key).append(' ').append(type).append('\n');
            dump.append(switch (type) {
                case "hash" -> redis.cli("HGETALL", key);
                case "zset" -> redis.cli("ZRANGE", key, "0", "-1", "WITHSCORES");
                case "string" -> redis.cli("GET", key);
                case "set" -> redis.cli("SMEMBERS", key);
                default -> "";
            }).append('\n');
        }
        return dump.toString();
    }
}
