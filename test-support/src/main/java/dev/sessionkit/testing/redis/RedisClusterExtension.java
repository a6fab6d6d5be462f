package dev.sessionkit.testing.redis;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension owning one {@link RedisCluster}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RedisClusterExtension cluster = new RedisClusterExtension();
 * }</pre>
 *
 * <p>On a static field the cluster starts before all tests of the class and stops after them (the usual
 * choice: creating a cluster takes a few seconds); on an instance field each test gets a fresh cluster.
 * The methods below delegate to {@link #cluster()} and work only while the cluster is running.
 */
public final class RedisClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ScopedResource<RedisCluster> cluster;

    /** A cluster of {@value RedisCluster#DEFAULT_MASTERS} masters. */
    public RedisClusterExtension() {
        this(RedisCluster.DEFAULT_MASTERS);
    }

    /** @see RedisCluster#start(int, String...) */
    public RedisClusterExtension(int masters, String... extraConfig) {
        List<String> config = List.of(extraConfig);
        this.cluster = new ScopedResource<>("Redis Cluster",
                () -> RedisCluster.start(masters, config.toArray(String[]::new)), RedisCluster::resetForReuse);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster.open(context.getUniqueId());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster.open(context.getUniqueId());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        cluster.close(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cluster.close(context.getUniqueId());
    }

    public RedisCluster cluster() {
        return cluster.get();
    }

    public List<RedisServer> nodes() {
        return cluster().nodes();
    }

    public String uri() {
        return cluster().uri();
    }

    public String cli(String... args) {
        return cluster().cli(args);
    }

    public Map<String, Long> commandStats() {
        return cluster().commandStats();
    }

    public void resetStats() {
        cluster().resetStats();
    }

    public void flushAll() {
        cluster().flushAll();
    }
}
