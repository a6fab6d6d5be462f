package dev.sessionkit.bench.micro;

import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/**
 * {@link FilterBenchmark} on the Redis store with its near cache (a local redis-server this benchmark
 * starts): once the subscription stands, every read of the 64 sessions is served from the near cache, so
 * {@code read} measures the filter and the near cache with no round trip. {@code write} does go to Redis.
 */
public class NearCacheFilterBenchmark extends FilterBenchmark {

    private RedisServer redis;

    @Override
    protected SessionConfigBuilder configure(SessionConfigBuilder config) {
        redis = RedisServer.start();
        return config.store(RedisSessionStore.builder().uri(redis.uri()).expiryEvents(false)
                .configureKeyspaceNotifications(true).nearCache(1_000).build());
    }

    /** Waits until reading every session again costs no HGETALL: the near cache serves. */
    @Setup(Level.Trial)
    public void awaitNearCache() throws IOException, ServletException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (int i = 0; i < 2 * 64; i++) {
                read();
            }
            redis.resetStats();
            for (int i = 0; i < 64; i++) {
                read();
            }
            if (redis.commandStats().getOrDefault("hgetall", 0L) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the near cache never started serving");
    }

    @TearDown(Level.Trial)
    public void stopRedis() {
        redis.close();
    }
}
