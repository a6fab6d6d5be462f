package dev.sessionkit.store.cookie;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue times of sealed cookies and revocations, in microseconds of the system clock, strictly increasing
 * in this JVM. A revocation's time is therefore after every cookie sealed here before it and before every
 * cookie sealed here after it: the cookie a rotating request seals opens, the one it replaces does not,
 * even within one millisecond. Across servers the system clocks must agree, as for the filter's timeouts.
 */
final class IssueClock {

    private static final AtomicLong LAST = new AtomicLong();

    private IssueClock() {
    }

    /** @return a time after every earlier result, epoch microseconds */
    static long tick() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return LAST.accumulateAndGet(micros, (last, candidate) -> Math.max(last + 1, candidate));
    }
}
