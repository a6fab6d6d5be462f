package dev.sessionkit.migrate;

import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From Spring Session Data Redis: sessions written in Spring's key layout (plain, indexed; Java serialisation and
 * GenericJackson2JsonRedisSerializer's JSON, as RedisSessionMapper writes them) move on first use under a new
 * signed ID, and Spring's keys are gone. The layout is written here by hand, not by a Spring application.
 */
class SpringSessionRedisMigrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static final String PRINCIPAL = SpringSessionRedisStore.PRINCIPAL_ATTRIBUTE;

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @Test
    void aPlainLayoutSessionInJavaSerialisationMoves() throws IOException {
        migrates(false, false);
    }

    @Test
    void anIndexedLayoutSessionMovesAndLeavesNoIndexBehind() throws IOException {
        migrates(true, false);
    }

    @Test
    void aJsonSerializedSessionMoves() throws IOException {
        migrates(false, true);
    }

    private void migrates(boolean indexed, boolean json) throws IOException {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        Map<byte[], byte[]> hash = new LinkedHashMap<>();
        hash.put(bytes("creationTime"), json ? bytes(Long.toString(now)) : serialized(now));
        hash.put(bytes("lastAccessedTime"), json ? bytes(Long.toString(now)) : serialized(now));
        hash.put(bytes("maxInactiveInterval"), json ? bytes("1800") : serialized(1800));
        hash.put(bytes("sessionAttr:" + PRINCIPAL), json ? bytes("\"alice\"") : serialized("alice"));
        hash.put(bytes("sessionAttr:cart"), json ? bytes("\"book\"") : serialized("book"));
        String key = "spring:session:sessions:" + id;
        String expires = "spring:session:sessions:expires:" + id;
        String index = "spring:session:index:" + PRINCIPAL + ":alice";
        try (RedisClient spring = RedisClient.create(redis.host(), redis.port())) {
            spring.hset(bytes(key), hash);
            if (indexed) {
                spring.set(expires, "");
                spring.sadd(index, id);
            }
            String springCookie = Base64.getEncoder().encodeToString(bytes(id));
            CookieClient browser = new CookieClient();
            browser.setCookie("SESSION", springCookie);
            Map<String, String> params = new LinkedHashMap<>(Map.of("store", "redis", "redis.uri", redis.uri(),
                    "migrate.from", "spring-session-redis", "migrate.from.spring-redis.uri", redis.uri(),
                    "migrate.from.spring.java-serialization", json ? "false" : "true"));
            if (json) {
                params.put("migrate.from.spring-redis.serializer", "json");
            }
            try (App sessionkit = App.start(params)) {
                assertEquals("user=alice cart=book", browser.get(sessionkit.uri("/me")).body(), "signed in, cart kept");
                assertNotEquals(springCookie, browser.cookie("SESSION"));
                assertTrue(browser.cookie("SESSION").contains("."), "a signed sessionkit ID");
                assertFalse(spring.exists(key), "Spring's hash is gone");
                assertFalse(spring.exists(expires));
                assertFalse(spring.sismember(index, id), "and its index entry");

                CookieClient thief = new CookieClient();
                thief.setCookie("SESSION", springCookie);
                assertEquals("anonymous", thief.get(sessionkit.uri("/me")).body(), "the old unsigned cookie opens nothing");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(out)) {
            stream.writeObject(value);
        }
        return out.toByteArray();
    }
}
