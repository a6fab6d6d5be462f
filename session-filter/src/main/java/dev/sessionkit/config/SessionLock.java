package dev.sessionkit.config;

import dev.sessionkit.SessionException;

import java.time.Duration;

/**
 * Per-session request ordering ({@code lock=true}): the requests of one session run one at a time, each
 * holding the session's lock from before it loads the session until after it saved it. Requests without a
 * session cookie take no lock.
 *
 * <p>A request that does not get the lock within {@code maxWait} is answered {@code busyStatus} before the
 * application sees it. A lock is released when its request ends, however it ends; one that is not (the
 * node crashed) lapses after {@code expiry}. A request that runs longer than {@code expiry} loses the lock
 * to the next request of its session, so the two may interleave: keep it above the longest request.
 *
 * @param maxWait    how long a request waits for its session's lock ({@code lock.wait}); zero to try once
 * @param expiry     how long a lock lasts unless released ({@code lock.expiry}); at least a millisecond
 * @param busyStatus the status of a request that waited in vain ({@code lock.busy-status}): 409 or 503
 */
public record SessionLock(Duration maxWait, Duration expiry, int busyStatus) {

    /** Wait 5 seconds, expire after 30, answer 409. */
    public static final SessionLock DEFAULTS = new SessionLock(Duration.ofSeconds(5), Duration.ofSeconds(30), 409);

    /**
     * @throws SessionException when a value is out of range; the message names the init-param
     */
    public SessionLock {
        Options.nonNegative("lock.wait (SessionLock.maxWait)", maxWait);
        if (Options.required("lock.expiry (SessionLock.expiry)", expiry).toMillis() < 1) {
            throw new SessionException("lock.expiry (SessionLock.expiry) must be at least 1ms, and more than the"
                    + " longest request, was " + expiry);
        }
        if (busyStatus != 409 && busyStatus != 503) {
            throw new SessionException("lock.busy-status (SessionLock.busyStatus) must be 409 or 503, was " + busyStatus);
        }
    }

    /**
     * @param maxWait how long a request waits for its session's lock
     * @return these settings with another wait
     */
    public SessionLock withMaxWait(Duration maxWait) {
        return new SessionLock(maxWait, expiry, busyStatus);
    }

    /**
     * @param expiry how long a lock lasts unless released
     * @return these settings with another expiry
     */
    public SessionLock withExpiry(Duration expiry) {
        return new SessionLock(maxWait, expiry, busyStatus);
    }

    /**
     * @param busyStatus 409 or 503
     * @return these settings with another busy status
     */
    public SessionLock withBusyStatus(int busyStatus) {
        return new SessionLock(maxWait, expiry, busyStatus);
    }
}
