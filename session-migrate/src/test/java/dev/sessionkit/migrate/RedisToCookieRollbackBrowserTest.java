package dev.sessionkit.migrate;

import dev.sessionkit.testing.browser.Chromium;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollback from Redis into the cookie store in headless Chromium: the user signed in on Redis stays signed in. */
class RedisToCookieRollbackBrowserTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    Path dir;

    @Test
    void aUserSignedInOnRedisStaysSignedInAfterTheRollbackToTheCookieStore() {
        Path keyset = dir.resolve("keys.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM);
        // Plain http on 127.0.0.1 in the test: Chromium keeps Secure cookies only for https and localhost.
        Map<String, String> onRedis = Map.of("cookie.secure", "false", "store", "redis", "redis.uri", redis.uri());
        Map<String, String> window = Map.of("cookie.secure", "false", "store", "cookie",
                "cookie-store.keyset-file", keyset.toString(), "cookie-store.cleartext-keyset", "true",
                "migrate.from", "redis", "migrate.from.redis.uri", redis.uri());
        try (Chromium chromium = Chromium.start(); SessionStore old = Stores.redis(redis.uri())) {
            old.start(StoreContext.NONE);
            ChromeDriver browser = chromium.driver();
            String signed;
            try (App before = App.start(onRedis)) {
                browser.get(before.uri("/login?user=alice").toString());
                assertEquals("user=alice cart=book", body(browser));
                signed = browser.manage().getCookieNamed("SESSION").getValue();
            }
            assertEquals(1, old.admin().orElseThrow().count());
            try (App after = App.start(window)) {
                browser.get(after.uri("/me").toString());
                assertEquals("user=alice cart=book", body(browser), "still signed in after the rollback");

                Cookie sealed = browser.manage().getCookieNamed("SESSION");
                assertNotEquals(signed, sealed.getValue(), "the browser now holds the sealed session");
                assertFalse(sealed.getValue().contains("."), "not a signed ID: " + sealed.getValue());
                assertTrue(sealed.isHttpOnly());
                assertEquals(0, old.admin().orElseThrow().count(), "the session left Redis");

                browser.get(after.uri("/add?item=pen").toString());
                browser.get(after.uri("/me").toString());
                assertEquals("user=alice cart=book,pen", body(browser));
            }
        }
    }

    private static String body(ChromeDriver browser) {
        return browser.findElement(By.tagName("body")).getText().trim();
    }
}
