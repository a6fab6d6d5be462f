package dev.sessionkit.store;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the filter tells a store before first use.
 *
 * @param absoluteTimeout the most a session may live from creation, however active; zero for no cap.
 *                        Stores bound time-to-live and index lifetimes by it, so nothing outlives it.
 * @param expiryListener  to call with the ID of each session the store finds expired on its own (a sweep,
 *                        a Redis keyspace notification); never for deletes the filter asked for
 */
public record StoreContext(Duration absoluteTimeout, Consumer<String> expiryListener) {

    /** No absolute cap, nobody listening: for a store used without the filter. */
    public static final StoreContext NONE = new StoreContext(Duration.ZERO, id -> { });

    public StoreContext {
        Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
        Objects.requireNonNull(expiryListener, "expiryListener");
    }
}
