package dev.sessionkit.migrate;

import dev.sessionkit.store.MigrationContract;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testing.redis.RedisClusterExtension;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From one Redis to a three-master Redis Cluster; the rollback goes back to the single Redis. */
class RedisToClusterMigrationTest extends MigrationContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3);

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
        redis.flushAll();
    }

    @Override
    protected SessionStore openOld() {
        return Stores.redis(redis.uri());
    }

    @Override
    protected SessionStore openNew() {
        return Stores.cluster(cluster.nodes());
    }
}
