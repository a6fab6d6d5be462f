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

/** Cookie store to Redis in headless Chromium: the user signed in on the cookie store stays signed in. */
class CookieToRedisBrowserTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @TempDir
    Path dir;

    @Test
    void aUserSignedInOnTheCookieStoreStaysSignedInAfterTheSwitchToRedis() {
        Path keyset = dir.resolve("keys.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM);
        // Plain http on 127.0.0.1 in the test: Chromium keeps Secure cookies only for https and localhost.
        Map<String, String> cookieStore = Map.of("cookie.secure", "false", "store", "cookie",
                "cookie-store.keyset-file", keyset.toString(), "cookie-store.cleartext-keyset", "true");
        Map<String, String> window = Map.of("cookie.secure", "false", "store", "redis", "redis.uri", redis.uri(),
                "migrate.from", "cookie", "migrate.from.cookie-store.keyset-file", keyset.toString(),
                "migrate.from.cookie-store.cleartext-keyset", "true");
        try (Chromium chromium = Chromium.start(); SessionStore store = Stores.redis(redis.uri())) {
            store.start(StoreContext.NONE);
            ChromeDriver browser = chromium.driver();
            String sealed;
            try (App before = App.start(cookieStore)) {
                browser.get(before.uri("/login?user=alice").toString());
                assertEquals("user=alice cart=book", body(browser));
                sealed = browser.manage().getCookieNamed("SESSION").getValue();
            }
            try (App after = App.start(window)) {
                browser.get(after.uri("/me").toString());
                assertEquals("user=alice cart=book", body(browser), "still signed in after the switch");

                Cookie signed = browser.manage().getCookieNamed("SESSION");
                assertNotEquals(sealed, signed.getValue(), "the browser now holds a signed ID");
                assertTrue(signed.isHttpOnly());
                String id = signed.getValue().substring(0, signed.getValue().indexOf('.'));
                assertEquals(1, store.admin().orElseThrow().count(), "the session is in Redis");
                assertFalse(store.load(id, System.currentTimeMillis(), Long.MAX_VALUE).isFound(),
                        "under its store ID, never its session ID (store.hash-ids)");

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
