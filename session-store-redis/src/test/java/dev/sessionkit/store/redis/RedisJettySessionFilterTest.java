package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The filter's HTTP contract, on embedded Jetty, with sessions in a real Redis. */
class RedisJettySessionFilterTest extends SessionFilterContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }

    @Override
    protected SessionStore newStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri(redis.uri()).build();
    }

    @Test
    void loginWorksWhenTheUsersIndexKeyHoldsAnotherType() {
        redis.cli("SET", "sessionkit:u:mallory", "written by another application");
        get("/s/set?name=a&value=1");

        String id = get("/s/login?user=mallory");

        assertEquals(id, sessionId(), "the rotated session is the one the browser now holds");
        assertEquals("1", get("/s/get?name=a"));
        String storeId = store.admin().orElseThrow().list(null, 10).sessions().get(0).id(); // a SCAN of session keys
        assertEquals(storeId, redis.cli("ZRANGE", "sessionkit:u:mallory", "0", "-1"), "the index was rebuilt with the login");
    }

    @Test
    void requestsCostOneRoundTripToReadAndTwoToWrite() {
        get("/s/set?name=a&value=1"); // the scripts reach Redis' cache
        get("/s/get?name=a");
        get("/s/login?user=alice");
        get("/s/invalidate");

        browser = new CookieClient();
        redis.resetStats();
        get("/s/set?name=a&value=1");
        assertEquals(Map.of("evalsha", 2L), clientCommands(redis.commandStats()),
                "a new session: the save, and the tenant set of the default session cap");

        redis.resetStats();
        assertEquals("1", get("/s/get?name=a"));
        assertEquals(Map.of("hgetall", 1L), clientCommands(redis.commandStats()), "a read-only request");

        redis.resetStats();
        get("/s/set?name=b&value=2");
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L), clientCommands(redis.commandStats()), "a request that writes");

        redis.resetStats();
        get("/s/login?user=bob");
        assertEquals(Map.of("hgetall", 1L, "evalsha", 4L), clientCommands(redis.commandStats()),
                "a login: load, rotate, the tenant set, save, and the user's index");

        redis.resetStats();
        get("/s/invalidate");
        Map<String, Long> stats = redis.commandStats();
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L), clientCommands(stats), "a logout: load, delete");
        assertEquals(2L, stats.get("zrem"), "and two ZREMs: the client's from the user's index, the delete script's"
                + " from the default session cap's tenant set");
    }
}
