package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole store contract as a Redis ACL user holding exactly the permissions README.md lists (Redis 7
 * checks the commands a script calls, too), and nothing beyond its key prefix.
 */
class RedisAclSessionStoreTest extends SessionStoreContract {

    /** README.md, "Running it", ACL: keep the two in step. */
    static final List<String> README_PERMISSIONS = List.of(
            "+ping", "+evalsha", "+eval", "+scan", "+hgetall", "+get", "+hmget", "+zrange", "+zrem", "+psubscribe",
            // called inside the store's scripts
            "+type", "+exists", "+hget", "+hset", "+hdel", "+del", "+pexpire", "+persist", "+rename", "+set",
            "+zadd", "+zscore", "+zremrangebyscore", "+zcard");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension(acl());

    private static String[] acl() {
        List<String> config = new java.util.ArrayList<>(List.of("--notify-keyspace-events", "Ex",
                "--user", "sessionkit", "on", ">store-password", "resetkeys", "~sessionkit:*", "resetchannels",
                "&__keyevent@*__:expired", "-@all"));
        config.addAll(README_PERMISSIONS);
        return config.toArray(String[]::new);
    }

    @Override
    protected SessionStore createStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri("redis://sessionkit:store-password@" + redis.host() + ":" + redis.port()).build();
    }

    @Test
    void aWrongPasswordFailsStartNamingWhereTheCredentialsGo() {
        try (RedisSessionStore store = RedisSessionStore.builder()
                .uri("redis://sessionkit:not-the-password@" + redis.host() + ":" + redis.port()).build()) {
            SessionException refused = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(refused.getMessage().contains("refused the store's credentials"), refused.getMessage());
            assertTrue(refused.getMessage().contains("redis.uri") && refused.getMessage().contains("redis.password"),
                    refused.getMessage());
        }
    }

    @Test
    void anUnknownUserFailsStartToo() {
        try (RedisSessionStore store = RedisSessionStore.builder()
                .uri("redis://nobody:store-password@" + redis.host() + ":" + redis.port()).build()) {
            SessionException refused = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(refused.getMessage().contains("refused the store's credentials"), refused.getMessage());
        }
    }

    @Test
    void theRightCredentialsStartCleanly() {
        try (RedisSessionStore store = RedisSessionStore.builder()
                .uri("redis://sessionkit:store-password@" + redis.host() + ":" + redis.port()).expiryEvents(false).build()) {
            store.start(StoreContext.NONE);
        }
    }

    @Test
    void aKeyOutsideThePrefixIsRefusedWithAnErrorNamingThePermissions() {
        try (RedisSessionStore other = RedisSessionStore.builder()
                .uri("redis://sessionkit:store-password@" + redis.host() + ":" + redis.port()).keyPrefix("other:").build()) {
            SessionData session = session(null, Map.of("a", 1));
            SessionException refused = assertThrows(SessionException.class,
                    () -> other.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false)));
            assertTrue(refused.getMessage().contains("NOPERM") && refused.getMessage().contains("EVALSHA"), refused.getMessage());
        }
    }
}
