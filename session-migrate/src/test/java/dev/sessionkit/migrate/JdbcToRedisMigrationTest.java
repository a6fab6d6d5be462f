package dev.sessionkit.migrate;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.store.MigrationContract;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.atomic.AtomicInteger;

/** From the JDBC store on PostgreSQL to Redis. */
class JdbcToRedisMigrationTest extends MigrationContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final PostgresDatabase database = new PostgresDatabase();
    private static final AtomicInteger TABLES = new AtomicInteger();

    /** Tables of this test's own; a field, so the contract's set-up, which runs first, sees it. */
    private final String prefix = "jr" + TABLES.incrementAndGet() + "_";

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    @Override
    protected SessionStore openOld() {
        return Stores.jdbc(database, prefix);
    }

    @Override
    protected SessionStore openNew() {
        return Stores.redis(redis.uri());
    }
}
