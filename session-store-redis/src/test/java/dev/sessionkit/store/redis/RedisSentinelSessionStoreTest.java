package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.testing.redis.RedisSentinelExtension;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same contract on the primary that Redis Sentinel names. */
class RedisSentinelSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final RedisSentinelExtension sentinel = new RedisSentinelExtension("--notify-keyspace-events", "Ex");

    @Override
    protected SessionStore createStore() {
        sentinel.master().flushAll();
        RedisServer node = sentinel.sentinel();
        return RedisSessionStore.builder()
                .sentinel(sentinel.masterName(), Set.of(new HostAndPort(node.host(), node.port())))
                .build();
    }

    @Test
    void expiryOnThePrimaryReachesTheListener() throws InterruptedException {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), 1, null, Map.of());
        saveNew(session);

        assertTrue(eventually(() -> expired.contains(session.id())));
        assertEquals(List.of(session.id()), expired);
    }
}
