package dev.sessionkit.metrics;

import dev.sessionkit.store.SessionStore;

/**
 * Receives what the filter counts and times. Implementations are thread-safe and fast: they run on
 * every request. {@link MicrometerSessionMetrics} publishes to Micrometer; {@link #NONE} discards.
 */
public interface SessionMetrics {

    /** Counts nothing. */
    SessionMetrics NONE = new SessionMetrics() {
    };

    /** Why a cookie did not lead to a session. */
    enum Rejection {
        /** The cookie's signature or seal did not verify: forged, tampered, truncated or another key. */
        BAD_SIGNATURE,
        /** A well-signed ID the store does not know: deleted, rotated away, or never issued. */
        UNKNOWN_ID
    }

    /** A session was created. */
    default void created() {
    }

    /** A session was loaded for a request. */
    default void loaded() {
    }

    /** A session got a new ID. */
    default void rotated() {
    }

    /** A session was invalidated by the application. */
    default void invalidated() {
    }

    /** A session was found past its idle or absolute timeout. */
    default void expired() {
    }

    /**
     * @param reason why a request's cookie was turned away
     */
    default void rejected(Rejection reason) {
    }

    /**
     * @param operation    {@code load}, {@code save}, {@code delete} or {@code rotate}
     * @param nanos        how long the store took
     * @param unavailable  whether the store was unreachable
     */
    default void storeCall(String operation, long nanos, boolean unavailable) {
    }

    /**
     * @param bytes encoded size of a session that was saved (attribute names and values)
     */
    default void stored(int bytes) {
    }

    /**
     * Called once with the filter's store, so an implementation can publish a gauge of live sessions
     * when the store can count them.
     *
     * @param store the store
     */
    default void bind(SessionStore store) {
    }
}
