package dev.sessionkit.store.redis;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis failing under load, through the filter in embedded Jetty. */
class RedisFaultTest {

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension("--appendonly", "yes", "--appendfsync", "always");

    private ServletContainer server;
    private RedisSessionStore store;

    private void start(Duration timeout) {
        store = RedisSessionStore.builder().uri(redis.uri()).timeout(timeout).build();
        SessionConfig config = SessionConfig.builder().secret("fault-secret-0123456789abcdefghijklmno")
                .secure(false).store(store).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void redisKilledMidLoadGives503ThenRecoversWithPersistedSessionsIntact() throws Exception {
        start(Duration.ofMillis(500));
        List<CookieClient> browsers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CookieClient browser = new CookieClient();
            assertEquals("ok", browser.get(server.uri("/s/set?name=v&value=s" + i)).body());
            browsers.add(browser);
        }
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            CookieClient browser = browsers.get(t);
            workers.add(load.submit(() -> {
                for (int i = 0; i < 5_000 && running.get(); i++) {
                    HttpResponse<String> response = browser.get(server.uri("/s/count"));
                    statuses.add(response.statusCode());
                }
            }));
        }
        try {
            Thread.sleep(300);
            redis.kill();
            Thread.sleep(1_000);
            assertTrue(statuses.contains(503), () -> "requests while Redis is dead get 503: " + statuses);
            redis.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int status = 0;
            while (System.nanoTime() < deadline && (status = browsers.get(11).get(server.uri("/s/get?name=v")).statusCode()) != 200) {
                Thread.sleep(100);
            }
            assertEquals(200, status, "the application recovers without a restart");
        } finally {
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        assertEquals(Set.of(200, 503), statuses, "nothing but success or a clean 503, never a 500");
        for (int i = 0; i < browsers.size(); i++) {
            assertEquals("s" + i, browsers.get(i).get(server.uri("/s/get?name=v")).body(), "sessions written before the crash are intact");
        }
        for (int t = 0; t < 4; t++) {
            String count = browsers.get(t).get(server.uri("/s/get?name=count")).body();
            assertTrue(count.matches("\\d+"), () -> "a session loads whole, with its attributes: " + count);
        }
    }

    @Test
    void slowRedisTimesRequestsOutAtTheConfiguredBoundInsteadOfPilingUp() throws Exception {
        start(Duration.ofMillis(300));
        CookieClient browser = new CookieClient();
        browser.get(server.uri("/s/count"));
        Thread sleeper = new Thread(() -> redis.cli("DEBUG", "SLEEP", "6"));
        sleeper.start();
        Thread.sleep(200);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    int status = browser.get(server.uri("/s/count")).statusCode();
                    return new int[]{status, (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)};
                }));
            }
            for (Future<int[]> result : results) {
                int[] r = result.get();
                assertEquals(503, r[0]);
                // Redis sleeps 6 s; an unbounded client would wait that long. Generous slack for a busy machine.
                assertTrue(r[1] < 4_000, "answered after " + r[1] + " ms");
            }
        } finally {
            clients.shutdownNow();
            sleeper.join();
        }
        assertEquals("2", browser.get(server.uri("/s/count")).body(), "Redis answers again: the session resumes");
    }
}
