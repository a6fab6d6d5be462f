package dev.sessionkit.store.cookie;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class IssueClockTest {

    @Test
    void ticksAreEpochMicrosecondsOfTheSystemClock() {
        long before = System.currentTimeMillis() * 1000;
        long tick = IssueClock.tick();
        long after = System.currentTimeMillis() * 1000 + 1000;

        assertTrue(before <= tick, before + " > " + tick);
        // Earlier ticks in this JVM may have run ahead of the clock by a microsecond each.
        assertTrue(tick <= after + 1_000_000, tick + " > " + after);
    }

    @Test
    void ticksStrictlyIncreaseEvenWithinOneMicrosecond() {
        long last = IssueClock.tick();
        for (int i = 0; i < 100_000; i++) {
            long tick = IssueClock.tick();
            assertTrue(tick > last, tick + " after " + last);
            last = tick;
        }
    }
}
