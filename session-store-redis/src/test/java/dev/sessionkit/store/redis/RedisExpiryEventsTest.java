package dev.sessionkit.store.redis;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A session that Redis expires by TTL is reported to the application's HttpSessionListener. */
class RedisExpiryEventsTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    @Test
    void ttlExpiryFiresSessionDestroyedThroughTheFilter() throws Exception {
        List<String> destroyed = new CopyOnWriteArrayList<>();
        HttpSessionListener listener = new HttpSessionListener() {
            @Override
            public void sessionDestroyed(HttpSessionEvent event) {
                destroyed.add(event.getSession().getId());
            }
        };
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).build();
        SessionConfig config = SessionConfig.builder().secret("expiry-secret-0123456789abcdefghijklmn").secure(false)
                .store(store).listener(listener).build();
        try (ServletContainer server = JettyServer.builder().filter(new SessionFilter(config), "/*")
                .servlet(new SessionServlet(), "/s/*").start()) {
            CookieClient browser = new CookieClient();
            browser.get(server.uri("/s/set?name=a&value=1"));
            browser.get(server.uri("/s/timeout?seconds=1"));
            // Redis knows the session by its store ID (a keyed hash of the session ID), and so does the event.
            String id = store.list(null, 10).sessions().get(0).id();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (destroyed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(id), destroyed);
        }
    }
}
