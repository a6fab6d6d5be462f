package dev.sessionkit.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Per-session locks, which order the requests of one session when the filter's {@code lock=true}: a
 * request holds its session's lock from before the session is loaded until after its changes are saved.
 *
 * <p>A lock belongs to a session's {@linkplain SessionIds#lineage lineage}, which every ID the session has
 * had shares, so a rotation in the middle of a request keeps it, and a store that shards by the lineage
 * (the Redis Cluster hash tag) keeps the lock beside the session. Each holder names itself with an owner
 * token; only that owner releases. A lock whose holder never releases (a crashed node, a request that
 * overran) lapses after its expiry, and the next request takes it.
 *
 * <p>Thread-safe. The waits are bounded: {@link #acquire} returns false when {@code wait} passes first.
 */
public interface SessionLocks {

    /**
     * Takes the lock of a lineage, waiting at most {@code wait} for its holder to release it or for its
     * expiry.
     *
     * @param lineage the session's lineage, {@link SessionIds#lineage} of its ID
     * @param owner   a token naming this holder, unique per request
     * @param expiry  how long the lock lasts unless released; more than the longest request
     * @param wait    how long to wait for another holder; zero to try once
     * @return true when {@code owner} now holds the lock; false when another held it the whole wait, or the
     *         thread was interrupted (its interrupt flag is set again)
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    boolean acquire(String lineage, String owner, Duration expiry, Duration wait);

    /**
     * Releases the lock if {@code owner} still holds it; a lock that lapsed and was taken by another
     * holder is left to that holder.
     *
     * @param lineage the lineage given to {@link #acquire}
     * @param owner   the owner given to {@link #acquire}
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    void release(String lineage, String owner);

    /**
     * The wait of a store whose lock is a try-once operation (a Redis {@code SET NX}, a database INSERT): tries
     * at once, then 2 ms after a refusal and twice as long after each further one, 50 ms at most, until the
     * wait ends.
     *
     * @param wait    how long to keep trying; zero to try once
     * @param tryOnce takes the lock if it is free (or lapsed) and tells whether it did
     * @return true when an attempt took the lock; false when the wait ended first, or the thread was
     *         interrupted (its interrupt flag is set again)
     */
    static boolean poll(Duration wait, BooleanSupplier tryOnce) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 2;
        while (!tryOnce.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 50);
        }
        return true;
    }
}
