package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis going away and coming back, under one store that is never rebuilt. Each test has its own server. */
class RedisOutageTest {

    @RegisterExtension
    final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    private final List<String> expired = new CopyOnWriteArrayList<>();
    private RedisSessionStore store;

    @BeforeEach
    void openStore() {
        store = RedisSessionStore.builder().uri(redis.uri()).timeout(Duration.ofMillis(500)).build();
        store.start(new StoreContext(Duration.ZERO, expired::add));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void downRedisIsUnavailableNamingTheEndpointAndTheStoreRecoversByItself() {
        SessionData before = newSession(1800);
        store.save(before, new SessionChanges(true, Set.of(), Set.of(), false));

        redis.kill();

        SessionStoreUnavailableException down = assertThrows(SessionStoreUnavailableException.class,
                () -> store.load(before.id(), System.currentTimeMillis(), 0).live());
        assertTrue(down.getMessage().contains("127.0.0.1:" + redis.port()), down.getMessage());
        assertThrows(SessionStoreUnavailableException.class,
                () -> store.save(newSession(1800), new SessionChanges(true, Set.of(), Set.of(), false)));
        assertThrows(SessionStoreUnavailableException.class, () -> store.delete(before.id(), System.currentTimeMillis()));
        assertThrows(SessionStoreUnavailableException.class, () -> store.sessionsOf("alice"));

        redis.restart();

        assertNull(store.load(before.id(), System.currentTimeMillis(), 0).live(), "nothing persisted across the crash");
        SessionData after = newSession(1800);
        assertEquals(after.id(), store.save(after, new SessionChanges(true, Set.of(), Set.of(), false)));
        assertNotNull(store.load(after.id(), System.currentTimeMillis(), 0).live());
    }

    @Test
    void slowRedisTimesOutAsUnavailable() throws InterruptedException {
        SessionData session = newSession(1800);
        store.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
        CompletableFuture<String> stall = CompletableFuture.supplyAsync(() -> redis.cli("DEBUG", "SLEEP", "1.5"));
        try {
            Thread.sleep(300); // a server in DEBUG SLEEP answers nobody, so there is no asking whether it started
            long start = System.nanoTime();
            assertThrows(SessionStoreUnavailableException.class, () -> store.load(session.id(), System.currentTimeMillis(), 0).live());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(1_400).toNanos(), "gave up before Redis woke up");
        } finally {
            stall.join();
        }
        assertNotNull(store.load(session.id(), System.currentTimeMillis(), 0).live());
    }

    @Test
    void expiryEventsResumeAfterARestart() throws InterruptedException {
        redis.kill();
        redis.restart();
        // The subscriber retries with a backoff of at most 5 s; wait until it is subscribed again.
        assertTrue(eventually(() -> redis.cli("PUBSUB", "NUMPAT").equals("1")), "subscribed again");

        SessionData session = newSession(1);
        store.save(session, new SessionChanges(true, Set.of(), Set.of(), false));

        assertTrue(eventually(() -> expired.contains(session.id())), "expiry heard after the restart");
    }

    @Test
    void closeStopsTheSubscription() throws InterruptedException {
        assertTrue(eventually(() -> redis.cli("PUBSUB", "NUMPAT").equals("1")));

        store.close();

        assertTrue(eventually(() -> redis.cli("PUBSUB", "NUMPAT").equals("0")));
        assertTrue(eventually(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("sessionkit-redis-keyspace"))), "the subscriber thread ended");
    }

    private static SessionData newSession(int maxInactiveSeconds) {
        long now = System.currentTimeMillis();
        return new SessionData(SessionIds.newId(), now, now, maxInactiveSeconds, null, Map.of());
    }
}
