package dev.sessionkit.migrate;

import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The old store unreachable during the window: a session not yet moved gets a clean 503, never a fresh session
 * that would replace the user's cookie and drop the data; once the old store answers, the user is signed in. The
 * same for a rollback into the cookie store.
 */
class OldStoreDownTest {

    @RegisterExtension
    final RedisServerExtension oldRedis = new RedisServerExtension("--appendonly", "yes", "--appendfsync", "always");
    @RegisterExtension
    final RedisServerExtension newRedis = new RedisServerExtension();

    @Test
    void aMissWhileTheOldStoreIsDownIs503AndKeepsTheCookie() {
        isServed503ThenSignedInOnceTheOldStoreIsBack(Map.of("store", "redis", "redis.uri", newRedis.uri()));
    }

    @Test
    void aRollbackIntoTheCookieStoreWhileTheOldStoreIsDownIs503AndKeepsTheCookie(@TempDir Path dir) {
        Path keyset = dir.resolve("cookie-keyset.json");
        CookieKeys.main(new String[] {"new", keyset.toString()});
        isServed503ThenSignedInOnceTheOldStoreIsBack(Map.of("store", "cookie", "cookie-store.keyset-file", keyset.toString(),
                "cookie-store.cleartext-keyset", "true"));
    }

    /** Alice signs in on the old Redis; a window from it to {@code newStore} opens and the old Redis dies. */
    private void isServed503ThenSignedInOnceTheOldStoreIsBack(Map<String, String> newStore) {
        CookieClient browser = new CookieClient();
        try (App before = App.start(Map.of("store", "redis", "redis.uri", oldRedis.uri()))) {
            assertEquals("user=alice cart=book", browser.get(before.uri("/login?user=alice")).body());
        }
        String cookie = browser.cookie("SESSION");
        Map<String, String> window = new HashMap<>(newStore);
        window.putAll(Map.of("migrate.from", "redis", "migrate.from.redis.uri", oldRedis.uri(),
                "migrate.from.redis.timeout", "500ms"));
        try (App after = App.start(window)) {
            oldRedis.kill();

            HttpResponse<String> down = browser.get(after.uri("/me"));

            assertEquals(503, down.statusCode());
            assertNull(browser.lastSetCookie("SESSION"), "no new session replaced the user's cookie");
            assertEquals(cookie, browser.cookie("SESSION"));

            oldRedis.restart();

            assertEquals("user=alice cart=book", browser.get(after.uri("/me")).body(), "signed in once the old store is back");
        }
    }
}
