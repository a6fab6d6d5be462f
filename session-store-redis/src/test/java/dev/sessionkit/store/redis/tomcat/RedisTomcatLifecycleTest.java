package dev.sessionkit.store.redis.tomcat;

import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.testapp.LiveThreads;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.TomcatServer;
import dev.sessionkit.testing.redis.RedisServer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A web application using store=redis on a real Tomcat leaves no thread and no Redis connection behind:
 * not after a start that fails, not after an undeploy, not when Redis went down in between.
 */
@Tag("tomcat")
class RedisTomcatLifecycleTest {

    private static final String SECRET = "redis-lifecycle-secret-0123456789abcdefgh";

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static TomcatServer.Builder app(String redisUri, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET, "store", "redis", "redis.uri", redisUri));
        params.putAll(extra);
        return TomcatServer.builder().filter(SessionFilter.class, params, "/*").servlet(new SessionServlet(), "/s/*");
    }

    /** Connections other than the redis-cli asking. */
    private static List<String> connections(RedisServer server) {
        return Arrays.stream(server.cli("CLIENT", "LIST").split("\n"))
                .filter(line -> line.contains("addr=") && !line.contains("cmd=client")).toList();
    }

    private static void awaitNoConnections(RedisServer server) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!connections(server).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), connections(server), "connections left open");
    }

    @Test
    void aStartThatFailsOpensNoConnectionAndLeavesNoThread() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> app(redis.uri(), Map.of("cookie.path", "/; Domain=evil.example")).start().close());
        assertTrue(String.valueOf(failure.getCause()).contains("cookie.path"), String.valueOf(failure.getCause()));
        threads.assertNoneLeft("a failed start");
        assertEquals(List.of(), connections(redis.server()));
    }

    @Test
    void anUndeployClosesEveryConnectionAndThread() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        try (ServletContainer server = app(redis.uri(), Map.of()).start()) {
            assertEquals("1", new CookieClient().get(server.uri("/s/count")).body());
            assertFalse(connections(redis.server()).isEmpty(), "the store talks to Redis");
            assertFalse(threads.started().isEmpty(), "the pool and the expiry subscriber run threads");
        }
        threads.assertNoneLeft("undeploy");
        awaitNoConnections(redis.server());
    }

    @Test
    void anUndeployAfterRedisWentDownLeavesNoThread() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        try (RedisServer doomed = RedisServer.start()) {
            try (ServletContainer server = app(doomed.uri(), Map.of()).start()) {
                assertEquals("1", new CookieClient().get(server.uri("/s/count")).body());
                doomed.kill();
                assertEquals(503, new CookieClient().get(server.uri("/s/count")).statusCode(), "Redis is down");
            }
        }
        threads.assertNoneLeft("undeploy with Redis down");
    }

    @Test
    void anUndeployOfAnApplicationStartedWhileRedisWasDownLeavesNoThread() throws InterruptedException {
        LiveThreads threads = LiveThreads.snapshot();
        String uri;
        try (RedisServer gone = RedisServer.start()) {
            uri = gone.uri();
        }
        // Start does not wait for Redis: requests are answered 503 until it is back, and the expiry
        // subscriber keeps retrying in the background. Undeploying must stop that retrying too.
        try (ServletContainer server = app(uri, Map.of("redis.timeout", "500ms")).start()) {
            assertEquals(503, new CookieClient().get(server.uri("/s/count")).statusCode());
            assertFalse(threads.started().isEmpty(), "the expiry subscriber retries");
        }
        threads.assertNoneLeft("undeploy of an application that never reached Redis");
    }
}
