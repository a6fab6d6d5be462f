package dev.sessionkit.testing.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: every wait on a Redis process ends, either because the condition held or time ran out. */
final class Poll {

    private static final long INTERVAL_MILLIS = 50;

    private Poll() {
    }

    /** Returns whether {@code condition} became true within {@code timeout}. */
    static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Redis", e);
            }
        }
        return true;
    }
}
