package dev.sessionkit.migrate;

import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.MigrationContract;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From the in-memory store (one instance's sessions) to Redis. */
class MemoryToRedisMigrationTest extends MigrationContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final SessionStore memory = InMemorySessionStore.builder().build();

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    @Override
    protected SessionStore openOld() {
        return Stores.shared(memory);
    }

    @Override
    protected SessionStore openNew() {
        return Stores.redis(redis.uri());
    }
}
