package dev.sessionkit.testing.redis;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension owning one {@link RedisSentinel} (a master plus a Sentinel monitoring it).
 *
 * <pre>{@code
 * @RegisterExtension
 * static RedisSentinelExtension sentinel = new RedisSentinelExtension();
 * }</pre>
 *
 * <p>On a static field the pair starts before all tests of the class and stops after them; on an instance
 * field each test gets a fresh pair. The methods below delegate to {@link #redisSentinel()} and work only
 * while the pair is running.
 */
public final class RedisSentinelExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ScopedResource<RedisSentinel> pair;

    /** @param masterConfig redis-server arguments for the master, as for {@link RedisServer#start(String...)} */
    public RedisSentinelExtension(String... masterConfig) {
        List<String> config = List.of(masterConfig);
        this.pair = new ScopedResource<>("Redis Sentinel", () -> RedisSentinel.start(config.toArray(String[]::new)),
                pair -> pair.master().resetForReuse());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pair.open(context.getUniqueId());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        pair.open(context.getUniqueId());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        pair.close(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        pair.close(context.getUniqueId());
    }

    public RedisSentinel redisSentinel() {
        return pair.get();
    }

    public RedisServer master() {
        return redisSentinel().master();
    }

    public RedisServer sentinel() {
        return redisSentinel().sentinel();
    }

    public String masterName() {
        return redisSentinel().masterName();
    }

    public String sentinelAddress() {
        return redisSentinel().sentinelAddress();
    }
}
