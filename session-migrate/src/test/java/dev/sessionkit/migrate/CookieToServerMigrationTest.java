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

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cookie store to Redis and to JDBC, over HTTP: the sealed cookie is opened once, its session moves
 * server-side and the browser gets a signed ID, still signed in and with its cart.
 */
class CookieToServerMigrationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final PostgresDatabase database = new PostgresDatabase();

    @TempDir
    Path dir;
    private Path keyset;

    @BeforeEach
    void keyset() {
        keyset = dir.resolve("cookie-keyset.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM); // what sessionkit keys new does

        redis.flushAll();
    }

    @Test
    void cookieToRedisKeepsTheUserSignedInUnderASignedId() throws IOException {
        SessionStore redisClient = Stores.redis(redis.uri());
        switchesFromCookieTo(Map.of("store", "redis", "redis.uri", redis.uri()), redisClient);
    }

    @Test
    void cookieToJdbcKeepsTheUserSignedInUnderASignedId() throws IOException {
        SessionStore jdbcClient = Stores.jdbc(database, "cj_");
        switchesFromCookieTo(Map.of("store", "jdbc", "jdbc.url", database.url(), "jdbc.user", "postgres",
                "jdbc.table-prefix", "cj_", "jdbc.create-schema", "true"), jdbcClient);
    }

    private void switchesFromCookieTo(Map<String, String> newStore, SessionStore newStoreClient) throws IOException {
        CookieClient browser = new CookieClient();
        String sealed;
        try (App before = App.start(cookieStore(""))) {
            browser.get(before.uri("/login?user=alice"));
            assertEquals("user=alice cart=book,pen", browser.get(before.uri("/add?item=pen")).body());
            sealed = browser.cookie("SESSION");
        }
        Map<String, String> window = new HashMap<>(newStore);
        window.put("migrate.from", "cookie");
        window.putAll(cookieStore("migrate.from."));
        try (App after = App.start(window); SessionStore store = newStoreClient) {
            store.start(StoreContext.NONE);

            assertEquals("user=alice cart=book,pen", browser.get(after.uri("/me")).body(), "still signed in, cart kept");
            String signed = browser.cookie("SESSION");
            assertNotEquals(sealed, signed, "the sealed cookie was replaced");
            String id = signed.substring(0, signed.indexOf('.'));
            assertEquals(1, store.admin().orElseThrow().count(), "the session lives in the new store");
            assertFalse(store.load(id, System.currentTimeMillis(), Long.MAX_VALUE).isFound(),
                    "under its store ID, never its session ID (store.hash-ids)");

            assertEquals("user=alice cart=book,pen,cup", browser.get(after.uri("/add?item=cup")).body());
            assertEquals("user=alice cart=book,pen,cup", browser.get(after.uri("/me")).body(), "writes land in the new store");
            assertEquals(1, store.admin().orElseThrow().count());

            assertEquals("anonymous", browser.get(after.uri("/logout")).body());
            assertEquals(0, store.admin().orElseThrow().count(), "logout removed it");
        }
    }

    private Map<String, String> cookieStore(String prefix) {
        Map<String, String> params = new HashMap<>();
        if (prefix.isEmpty()) {
            params.put("store", "cookie");
        }
        params.put(prefix + "cookie-store.keyset-file", keyset.toString());
        params.put(prefix + "cookie-store.cleartext-keyset", "true");
        return params;
    }
}
