package dev.sessionkit.metrics;

import dev.sessionkit.store.SessionStore;

import java.util.function.Supplier;

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
     * Runs one store call; {@link #storeCall} then gets its time. The default just runs it: an implementation
     * can run it inside a tracing span or a Micrometer {@code Observation} (the Spring Boot starter does when
     * the application has an {@code ObservationRegistry}). It is told the operation only, never the session ID.
     *
     * @param operation as for {@link #storeCall}
     * @param call      the store call
     * @param <T>       what the call returns
     * @return what the call returned
     */
    default <T> T aroundStoreCall(String operation, Supplier<T> call) {
        return call.get();
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
