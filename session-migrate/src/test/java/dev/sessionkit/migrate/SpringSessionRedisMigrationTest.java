package dev.sessionkit.migrate;

import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.GenericJackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end from Spring Session Data Redis: a real Spring Session app (SessionRepositoryFilter over
 * RedisSessionRepository or RedisIndexedSessionRepository, Spring Data Redis on Jedis) signs a client in with
 * Spring's default Java serialisation or GenericJackson2JsonRedisSerializer; the server restarts on sessionkit
 * with {@code migrate.from=spring-session-redis}; the same cookie jar stays signed in with its cart under a new,
 * signed ID, the old unsigned cookie opens nothing, and Spring's keys are gone.
 */
class SpringSessionRedisMigrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @Test
    void aPlainRepositoryUserInJavaSerialisationStaysSignedIn() {
        migrates(false, false);
    }

    @Test
    void anIndexedRepositoryUserInJavaSerialisationStaysSignedInAndLeavesNoIndexBehind() {
        migrates(true, false);
    }

    @Test
    void aPlainRepositoryUserInJsonStaysSignedIn() {
        migrates(false, true);
    }

    @Test
    void anIndexedRepositoryUserInJsonStaysSignedInAndLeavesNoIndexBehind() {
        migrates(true, true);
    }

    @Test
    void anUnmappableAttributeUnderFailLetsTheUserStartAfreshNeverA500() {
        CookieClient browser = signedInOnSpring(false, false);
        try (App sessionkit = App.start(Map.of("store", "redis", "redis.uri", redis.uri(),
                "migrate.from", "spring-session-redis", "migrate.from.spring-redis.uri", redis.uri(),
                "migrate.from.spring.unmappable", "fail"))) {
            HttpResponse<String> me = browser.get(sessionkit.uri("/me"));

            assertEquals(200, me.statusCode());
            assertEquals("anonymous", me.body(), "the cart cannot be read with Java deserialisation off: not migrated");
            assertEquals("user=alice cart=book", browser.get(sessionkit.uri("/login?user=alice")).body(), "signs in afresh");
            assertTrue(browser.cookie("SESSION").contains("."), "under a signed sessionkit ID");
        }
    }

    @Test
    void aSpringCookieNamingNoSessionInSpringsStoreOpensNothing() {
        CookieClient forger = new CookieClient();
        String unknownId = UUID.randomUUID().toString();
        forger.setCookie("SESSION", Base64.getEncoder().encodeToString(unknownId.getBytes(StandardCharsets.UTF_8)));
        try (App sessionkit = App.start(Map.of("store", "redis", "redis.uri", redis.uri(),
                "migrate.from", "spring-session-redis", "migrate.from.spring-redis.uri", redis.uri()))) {
            HttpResponse<String> me = forger.get(sessionkit.uri("/me"));

            assertEquals("anonymous", me.body());
            assertNull(forger.lastSetCookie("SESSION"), "no session was adopted for it");
        }
    }

    @Test
    void twoInstancesRacingForTheSameSpringSessionsMoveEachOnce() {
        List<String> springCookies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            springCookies.add(signedInOnSpring(true, false).cookie("SESSION"));
        }
        Map<String, String> window = Map.of("store", "redis", "redis.uri", redis.uri(), "migrate.from", "spring-session-redis",
                "migrate.from.spring-redis.uri", redis.uri(), "migrate.from.spring.java-serialization", "true");
        try (App one = App.start(window); App two = App.start(window);
             RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            for (String springCookie : springCookies) {
                Race.forCookie(springCookie, one, two).winner();
            }
            assertEquals(Set.of(), client.keys("spring:session:*"), "every Spring session moved");
        }
    }

    private static CookieClient signedInOnSpring(boolean indexed, boolean json) {
        return signedInOnSpring(redis, indexed, json);
    }

    /** Signs a new cookie jar in on a real Spring Session app on {@code server}, which then stops. */
    static CookieClient signedInOnSpring(RedisServerExtension server, boolean indexed, boolean json) {
        CookieClient browser = new CookieClient();
        JedisConnectionFactory connections = new JedisConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
        connections.afterPropertiesSet();
        connections.start();
        try (JettyServer spring = springApp(connections, indexed, json)) {
            URI login = URI.create("http://127.0.0.1:" + spring.port() + "/login?user=alice");
            assertEquals("user=alice cart=book", browser.get(login).body());
            URI me = URI.create("http://127.0.0.1:" + spring.port() + "/me");
            assertEquals("user=alice cart=book", browser.get(me).body(), "Spring's app reads its own session back");
        } finally {
            connections.destroy();
        }
        return browser;
    }

    private void migrates(boolean indexed, boolean json) {
        CookieClient browser = signedInOnSpring(indexed, json);
        String springCookie = browser.cookie("SESSION");

        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            Set<String> springKeys = client.keys("spring:session:*");
            assertFalse(springKeys.isEmpty(), "Spring wrote its session");
            Map<String, String> params = new LinkedHashMap<>(Map.of("store", "redis", "redis.uri", redis.uri(),
                    "migrate.from", "spring-session-redis", "migrate.from.spring-redis.uri", redis.uri(),
                    "migrate.from.spring.java-serialization", Boolean.toString(!json)));
            if (json) {
                params.put("migrate.from.spring-redis.serializer", "json");
            }
            try (App sessionkit = App.start(params)) {
                assertEquals("user=alice cart=book", browser.get(sessionkit.uri("/me")).body(), "still signed in, cart kept");
                String ours = browser.cookie("SESSION");
                assertNotEquals(springCookie, ours);
                assertTrue(ours.contains("."), "a signed sessionkit ID: " + ours);
                assertEquals(Set.of(), client.keys("spring:session:*"), "Spring's keys are gone (were " + springKeys + ")");

                CookieClient thief = new CookieClient();
                thief.setCookie("SESSION", springCookie);
                assertEquals("anonymous", thief.get(sessionkit.uri("/me")).body(), "the old unsigned cookie opens nothing");

                assertEquals("user=alice cart=book,pen", browser.get(sessionkit.uri("/add?item=pen")).body());
                assertEquals("user=alice cart=book,pen", browser.get(sessionkit.uri("/me")).body());
            }
        }
    }

    /** Spring Data Redis 4 deprecates GenericJackson2JsonRedisSerializer for removal; the apps that migrate use it. */
    @SuppressWarnings("removal")
    private static JettyServer springApp(JedisConnectionFactory connections, boolean indexed, boolean json) {
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        if (json) {
            template.setDefaultSerializer(new GenericJackson2JsonRedisSerializer());
        }
        template.afterPropertiesSet();
        SessionRepositoryFilter<?> filter = indexed
                ? new SessionRepositoryFilter<>(new RedisIndexedSessionRepository(template))
                : new SessionRepositoryFilter<>(new RedisSessionRepository(template));
        return JettyServer.builder().filter(filter, "/*").servlet(SpringAccountServlet.class, "/login", "/me").start();
    }
}
