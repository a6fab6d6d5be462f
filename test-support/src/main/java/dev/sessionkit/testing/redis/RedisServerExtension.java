package dev.sessionkit.testing.redis;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension owning one {@link RedisServer}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");
 * }</pre>
 *
 * <p>On a static field the server starts before all tests of the class and stops after them; on an
 * instance field each test gets a fresh server. The methods below delegate to {@link #server()} and work
 * only while the server is running.
 */
public final class RedisServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ScopedResource<RedisServer> server;

    /** @param extraConfig redis-server arguments, as for {@link RedisServer#start(String...)} */
    public RedisServerExtension(String... extraConfig) {
        List<String> config = List.of(extraConfig);
        this.server = new ScopedResource<>("redis-server", () -> RedisServer.start(config.toArray(String[]::new)),
                RedisServer::resetForReuse);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.open(context.getUniqueId());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.open(context.getUniqueId());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        server.close(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close(context.getUniqueId());
    }

    public RedisServer server() {
        return server.get();
    }

    public String host() {
        return server().host();
    }

    public int port() {
        return server().port();
    }

    public String uri() {
        return server().uri();
    }

    public String cli(String... args) {
        return server().cli(args);
    }

    public void flushAll() {
        server().flushAll();
    }

    public Map<String, Long> commandStats() {
        return server().commandStats();
    }

    public void resetStats() {
        server().resetStats();
    }

    public void kill() {
        server().kill();
    }

    public void restart() {
        server().restart();
    }
}
