package dev.sessionkit.migrate;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The rollback into the cookie store, over HTTP: Redis or JDBC is the old store, the cookie store the new one. A
 * session still in the old store moves into the sealed cookie on its next request (the browser's signed ID is
 * replaced) and is deleted from the old store, so the old signed ID opens nothing afterwards.
 */
class ServerToCookieRollbackTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final PostgresDatabase database = new PostgresDatabase();

    @TempDir
    Path dir;
    private Map<String, String> window;

    @BeforeEach
    void window() {
        redis.flushAll();
        Path keyset = dir.resolve("cookie-keyset.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM);
        window = new HashMap<>(Map.of("store", "cookie", "cookie-store.keyset-file", keyset.toString(),
                "cookie-store.cleartext-keyset", "true", "migrate.from", "redis", "migrate.from.redis.uri", redis.uri()));
    }

    @Test
    void aRedisSessionMovesIntoTheSealedCookieAndLeavesRedis() {
        movesIntoTheSealedCookie(Map.of("store", "redis", "redis.uri", redis.uri()), window, Stores.redis(redis.uri()));
    }

    @Test
    void aJdbcSessionMovesIntoTheSealedCookieAndLeavesTheTable() {
        Map<String, String> jdbc = Map.of("jdbc.url", database.url(), "jdbc.user", "postgres", "jdbc.table-prefix", "rb_",
                "jdbc.create-schema", "true");
        Map<String, String> onJdbc = new HashMap<>(jdbc);
        onJdbc.put("store", "jdbc");
        Map<String, String> fromJdbc = new HashMap<>(window);
        fromJdbc.put("migrate.from", "jdbc");
        fromJdbc.remove("migrate.from.redis.uri");
        jdbc.forEach((name, value) -> fromJdbc.put("migrate.from." + name, value));
        movesIntoTheSealedCookie(onJdbc, fromJdbc, Stores.jdbc(database, "rb_"));
    }

    private void movesIntoTheSealedCookie(Map<String, String> onOldStore, Map<String, String> rollback, SessionStore oldClient) {
        CookieClient browser = new CookieClient();
        try (App before = App.start(onOldStore)) {
            browser.get(before.uri("/login?user=alice"));
            assertEquals("user=alice cart=book,pen", browser.get(before.uri("/add?item=pen")).body());
        }
        String signed = browser.cookie("SESSION");
        try (App after = App.start(rollback); SessionStore old = oldClient) {
            old.start(StoreContext.NONE);
            assertEquals(1, old.admin().orElseThrow().count());

            assertEquals("user=alice cart=book,pen", browser.get(after.uri("/me")).body(), "still signed in, cart kept");
            String sealed = browser.cookie("SESSION");
            assertNotEquals(signed, sealed, "the signed ID was replaced by the sealed session");
            assertFalse(sealed.contains("."), "a sealed session, not a signed ID: " + sealed);
            assertEquals(0, old.admin().orElseThrow().count(), "the session left the old store");
            assertEquals(signed.substring(0, signed.indexOf('.')), browser.get(after.uri("/id")).body(),
                    "it keeps its session ID, never the store ID the old store kept it under");

            CookieClient copy = new CookieClient();
            copy.setCookie("SESSION", signed);
            assertEquals("anonymous", copy.get(after.uri("/me")).body(), "the old signed ID opens nothing");

            assertEquals("user=alice cart=book,pen,cup", browser.get(after.uri("/add?item=cup")).body());
            assertEquals("user=alice cart=book,pen,cup", browser.get(after.uri("/me")).body(), "writes go to the cookie");
            assertEquals(0, old.admin().orElseThrow().count(), "nothing is written to the old store");

            assertEquals("anonymous", browser.get(after.uri("/logout")).body());
            assertEquals("anonymous", browser.get(after.uri("/me")).body(), "logout ends it");
        }
    }

    @Test
    void twoInstancesRacingForTheSameSessionsMoveEachOnce() {
        List<String> cookies = new ArrayList<>();
        try (App before = App.start(Map.of("store", "redis", "redis.uri", redis.uri()))) {
            for (int i = 0; i < 20; i++) {
                CookieClient browser = new CookieClient();
                browser.get(before.uri("/login?user=u" + i));
                cookies.add(browser.cookie("SESSION"));
            }
        }
        try (App one = App.start(window); App two = App.start(window); SessionStore old = Stores.redis(redis.uri())) {
            old.start(StoreContext.NONE);
            for (int i = 0; i < cookies.size(); i++) {
                CookieClient first = new CookieClient();
                CookieClient second = new CookieClient();
                first.setCookie("SESSION", cookies.get(i));
                second.setCookie("SESSION", cookies.get(i));
                CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> first.get(one.uri("/me")));
                CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> second.get(two.uri("/me")));
                List<String> bodies = List.of(a.join().body(), b.join().body());

                assertEquals(1, bodies.stream().filter(("user=u" + i + " cart=book")::equals).count(),
                        "exactly one instance moved session " + i + ": " + bodies);
                assertEquals(1, bodies.stream().filter("anonymous"::equals).count(), bodies.toString());
                CookieClient loser = bodies.get(0).equals("anonymous") ? first : second;
                assertEquals(cookies.get(i), loser.cookie("SESSION"), "the loser's request leaves the cookie alone");
            }
            assertEquals(0, old.admin().orElseThrow().count(), "every session left Redis");
        }
    }

    @Test
    void logoutEverywhereFromAMovedSessionEndsTheSessionsStillInRedis() {
        CookieClient laptop = new CookieClient();
        CookieClient phone = new CookieClient();
        try (App before = App.start(Map.of("store", "redis", "redis.uri", redis.uri()))) {
            laptop.get(before.uri("/login?user=alice"));
            phone.get(before.uri("/login?user=alice"));
        }
        try (App after = App.start(window)) {
            assertEquals("user=alice cart=book", laptop.get(after.uri("/me")).body(), "the laptop's session moved");

            assertEquals("ended=1 user=alice cart=book", laptop.get(after.uri("/logout-everywhere")).body(),
                    "the phone's session, still in Redis, is ended; the laptop's lives in its cookie");
            assertEquals("anonymous", phone.get(after.uri("/me")).body(), "and never comes back");
        }
    }

    @Test
    void attributesEncryptedAtRestInRedisOpenInTheCookie() {
        Path atRest = dir.resolve("at-rest.json");
        CookieKeys.create(atRest, CookieAead.AES256_GCM);
        Map<String, String> encrypt = Map.of("store.encrypt-keyset-file", atRest.toString(),
                "store.encrypt-cleartext-keyset", "true");
        Map<String, String> before = new HashMap<>(encrypt);
        before.putAll(Map.of("store", "redis", "redis.uri", redis.uri()));
        window.putAll(encrypt);
        CookieClient browser = new CookieClient();
        try (App app = App.start(before)) {
            browser.get(app.uri("/login?user=alice"));
        }
        try (App after = App.start(window)) {
            assertEquals("user=alice cart=book", browser.get(after.uri("/me")).body(), "the cart opened with the keyset");
        }
    }
}
