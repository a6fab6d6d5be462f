package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call limit in front of the store, and the absolute timeout's exact end. */
class StoreLimitsTest {

    private static final String SECRET = "store-limits-secret-0123456789abcdefghi";
    private static final long T = 1_700_000_000_000L;

    @Test
    void theBoundedStorePassesAnswersThroughAndRefusesBeyondItsLimit() throws Exception {
        InMemorySessionStore memory = InMemorySessionStore.builder().build();
        SessionData session = new SessionData(SessionIds.newId(), T, T, 600, null, Map.of());
        memory.save(session, new SessionChanges(true, Set.of(), Set.of(), true));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BoundedStore bounded = new BoundedStore(new dev.sessionkit.store.ForwardingSessionStore(memory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                if (token.equals("hang")) {
                    inside.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.load(token, now, touchAfterMillis);
            }
        }, 1);
        String rotated = SessionIds.rotated(session.id());
        assertTrue(bounded.rotate(session.id(), rotated, T));
        assertFalse(bounded.rotate(session.id(), SessionIds.rotated(session.id()), T));
        assertTrue(bounded.load(rotated, T, Long.MAX_VALUE).isFound());
        Thread holder = new Thread(() -> bounded.load("hang", T, 0));
        holder.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        SessionStoreUnavailableException refused = assertThrows(SessionStoreUnavailableException.class,
                () -> bounded.delete(rotated, T));
        assertTrue(refused.getMessage().contains("store.max-concurrent-calls"), refused.getMessage());
        release.countDown();
        holder.join(5_000);
        assertTrue(bounded.delete(rotated, T), "the permit came back");
        assertFalse(bounded.delete(rotated, T));
    }

    @Test
    void noCallLimitMeansNoLimit() {
        SessionRuntime runtime = SessionRuntime.of(SessionConfig.builder().secret(SECRET).maxConcurrentStoreCalls(0)
                .store(InMemorySessionStore.builder().build()).build(), null, List.of());
        assertFalse(runtime.store() instanceof BoundedStore);
        assertEquals(LoadResult.ABSENT, runtime.store().load(SessionIds.newId(), T, 0));
        SessionRuntime limited = SessionRuntime.of(SessionConfig.builder().secret(SECRET).maxConcurrentStoreCalls(1)
                .store(InMemorySessionStore.builder().build()).build(), null, List.of());
        assertTrue(limited.store() instanceof BoundedStore);
    }

    @Test
    void theAbsoluteTimeoutEndsAfterItsLastMillisecond() {
        SessionRuntime runtime = SessionRuntime.of(SessionConfig.builder().secret(SECRET)
                .absoluteTimeout(Duration.ofSeconds(10)).build(), null, List.of());
        assertFalse(runtime.pastAbsoluteTimeout(T, T + 10_000));
        assertTrue(runtime.pastAbsoluteTimeout(T, T + 10_001));
        SessionRuntime unlimited = SessionRuntime.of(SessionConfig.builder().secret(SECRET)
                .absoluteTimeout(Duration.ZERO).build(), null, List.of());
        assertFalse(unlimited.pastAbsoluteTimeout(T, Long.MAX_VALUE), "0 turns the absolute timeout off");
    }
}
