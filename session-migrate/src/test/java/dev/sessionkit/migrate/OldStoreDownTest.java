package dev.sessionkit.migrate;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The old store unreachable during the window: a session not yet moved gets a clean 503, never a fresh session
 * that would replace the user's cookie and drop the data; once the old store answers, the user is signed in. The
 * same for a rollback into the cookie store and for Spring Session's Redis and JDBC databases.
 */
class OldStoreDownTest {

    @RegisterExtension
    final RedisServerExtension oldRedis = new RedisServerExtension("--appendonly", "yes", "--appendfsync", "always");
    @RegisterExtension
    final RedisServerExtension newRedis = new RedisServerExtension();

    @RegisterExtension
    static final PostgresDatabase springDatabase = new PostgresDatabase();

    @Test
    void aMissWhileTheOldStoreIsDownIs503AndKeepsTheCookie() {
        isServed503ThenSignedInOnceTheOldStoreIsBack(signedInOnOldRedis(), Map.of("store", "redis", "redis.uri", newRedis.uri(),
                "migrate.from", "redis", "migrate.from.redis.uri", oldRedis.uri(), "migrate.from.redis.timeout", "500ms"));
    }

    @Test
    void aRollbackIntoTheCookieStoreWhileTheOldStoreIsDownIs503AndKeepsTheCookie(@TempDir Path dir) {
        Path keyset = dir.resolve("cookie-keyset.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM);
        isServed503ThenSignedInOnceTheOldStoreIsBack(signedInOnOldRedis(), Map.of("store", "cookie",
                "cookie-store.keyset-file", keyset.toString(), "cookie-store.cleartext-keyset", "true",
                "migrate.from", "redis", "migrate.from.redis.uri", oldRedis.uri(), "migrate.from.redis.timeout", "500ms"));
    }

    @Test
    void springSessionsRedisDownIs503AndKeepsTheSpringCookie() {
        CookieClient browser = SpringSessionRedisMigrationTest.signedInOnSpring(oldRedis, false, false);
        isServed503ThenSignedInOnceTheOldStoreIsBack(browser, Map.of("store", "redis", "redis.uri", newRedis.uri(),
                "migrate.from", "spring-session-redis", "migrate.from.spring-redis.uri", oldRedis.uri(),
                "migrate.from.spring.java-serialization", "true"));
    }

    @Test
    void springSessionsJdbcDatabaseDownIs503AndKeepsTheSpringCookie() throws Exception {
        SpringSessionJdbcMigrationTest.springSchema(springDatabase);
        CookieClient browser = SpringSessionJdbcMigrationTest.signedInOnSpring(springDatabase);
        isServed503ThenSignedInOnceTheOldStoreIsBack(browser, Map.of("store", "redis", "redis.uri", newRedis.uri(),
                "migrate.from", "spring-session-jdbc", "migrate.from.spring-jdbc.url", springDatabase.url(),
                "migrate.from.spring-jdbc.user", "postgres", "migrate.from.spring.java-serialization", "true"),
                () -> run(springDatabase::refuseConnections), () -> run(springDatabase::allowConnections));
    }

    private interface DatabaseChange {
        void run() throws SQLException;
    }

    private static void run(DatabaseChange change) {
        try {
            change.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private CookieClient signedInOnOldRedis() {
        CookieClient browser = new CookieClient();
        try (App before = App.start(Map.of("store", "redis", "redis.uri", oldRedis.uri()))) {
            assertEquals("user=alice cart=book", browser.get(before.uri("/login?user=alice")).body());
        }
        return browser;
    }

    /** Alice is signed in on the old store; the window opens and the old Redis dies, then comes back. */
    private void isServed503ThenSignedInOnceTheOldStoreIsBack(CookieClient browser, Map<String, String> window) {
        isServed503ThenSignedInOnceTheOldStoreIsBack(browser, window, oldRedis::kill, oldRedis::restart);
    }

    private static void isServed503ThenSignedInOnceTheOldStoreIsBack(CookieClient browser, Map<String, String> window,
            Runnable stopOldStore, Runnable restartOldStore) {
        String cookie = browser.cookie("SESSION");
        try (App after = App.start(window)) {
            stopOldStore.run();

            HttpResponse<String> down = browser.get(after.uri("/me"));

            assertEquals(503, down.statusCode());
            assertNull(browser.lastSetCookie("SESSION"), "no new session replaced the user's cookie");
            assertEquals(cookie, browser.cookie("SESSION"));

            restartOldStore.run();

            assertEquals("user=alice cart=book", browser.get(after.uri("/me")).body(), "signed in once the old store is back");
        }
    }
}
