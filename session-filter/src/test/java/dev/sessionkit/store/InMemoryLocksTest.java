package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory store's per-session locks: owner tokens, expiry, bounded waits, no entry left behind. */
class InMemoryLocksTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final InMemoryLocks locks = new InMemoryLocks();

    @Test
    void aHeldLockRefusesOthersUntilItsOwnerReleasesIt() {
        assertTrue(locks.acquire("lineage1", "a", LONG, Duration.ZERO));
        assertFalse(locks.acquire("lineage1", "b", LONG, Duration.ofMillis(50)));
        assertTrue(locks.acquire("lineage2", "b", LONG, Duration.ZERO), "another session's lock is free");

        locks.release("lineage1", "b");
        assertFalse(locks.acquire("lineage1", "c", LONG, Duration.ZERO), "only the owner releases");

        locks.release("lineage1", "a");
        assertTrue(locks.acquire("lineage1", "c", LONG, Duration.ZERO));
    }

    @Test
    void aWaiterGetsTheLockWhenItIsReleased() throws Exception {
        assertTrue(locks.acquire("lineage1", "a", LONG, Duration.ZERO));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return locks.acquire("lineage1", "b", LONG, LONG);
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));

        locks.release("lineage1", "a");

        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        assertFalse(locks.acquire("lineage1", "c", LONG, Duration.ZERO), "b holds it now");
    }

    @Test
    void aLockNobodyReleasesLapsesAfterItsExpiry() {
        assertTrue(locks.acquire("lineage1", "crashed", Duration.ofMillis(200), Duration.ZERO));
        long start = System.nanoTime();

        assertTrue(locks.acquire("lineage1", "next", LONG, LONG));

        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "it waited for the expiry");
        locks.release("lineage1", "crashed");
        assertFalse(locks.acquire("lineage1", "third", LONG, Duration.ZERO), "the lapsed owner cannot release the new holder's lock");
    }

    @Test
    void releasedAndLapsedLocksLeaveNoEntry() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertTrue(locks.acquire("lineage" + i, "owner", LONG, Duration.ZERO));
            locks.release("lineage" + i, "owner");
        }
        assertEquals(0, locks.size());
        assertTrue(locks.acquire("lapsing", "owner", Duration.ofMillis(1), Duration.ZERO));
        Thread.sleep(5);
        locks.dropLapsed();
        assertEquals(0, locks.size());
    }

    @Test
    void theSweepKeepsLocksWhoseExpiryHasNotPassed() {
        assertTrue(locks.acquire("lineage1", "a", LONG, Duration.ZERO));
        assertTrue(locks.acquire("lineage2", "b", LONG, Duration.ZERO));

        locks.dropLapsed();

        assertEquals(2, locks.size(), "both locks are still held");
        assertFalse(locks.acquire("lineage1", "c", LONG, Duration.ZERO), "a's lock still refuses others");
    }

    @Test
    void anInterruptedWaiterGivesUpAndKeepsItsInterrupt() {
        assertTrue(locks.acquire("lineage1", "a", LONG, Duration.ZERO));
        Thread.currentThread().interrupt();
        try {
            assertFalse(locks.acquire("lineage1", "b", LONG, LONG));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theStoreOffersItsLocksAndItsSweepDropsLapsedOnes() throws Exception {
        InMemorySessionStore store = InMemorySessionStore.builder().build();
        SessionLocks offered = store.locks().orElseThrow();
        assertTrue(offered.acquire("lineage1", "a", Duration.ofMillis(1), Duration.ZERO));
        Thread.sleep(5);
        store.sweep(System.currentTimeMillis());
        assertEquals(0, ((InMemoryLocks) offered).size());
    }
}
