package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded wait of stores whose lock is a try-once operation. */
class SessionLocksPollTest {

    @Test
    void aFreeLockIsTakenAtTheFirstAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        assertTrue(SessionLocks.poll(Duration.ZERO, () -> attempts.incrementAndGet() > 0));
        assertEquals(1, attempts.get());
    }

    @Test
    void aRefusedAttemptIsRepeatedUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        assertTrue(SessionLocks.poll(Duration.ofSeconds(30), () -> attempts.incrementAndGet() == 4));
        assertEquals(4, attempts.get());
    }

    @Test
    void theWaitEndsWithFalseAfterItsDuration() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertFalse(SessionLocks.poll(Duration.ofMillis(200), () -> attempts.incrementAndGet() < 0));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "it kept trying for the whole wait");
        assertTrue(attempts.get() > 2, "it tried again meanwhile: " + attempts.get());
        assertFalse(SessionLocks.poll(Duration.ZERO, () -> false), "zero tries once");
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertFalse(SessionLocks.poll(Duration.ofSeconds(30), () -> false));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
