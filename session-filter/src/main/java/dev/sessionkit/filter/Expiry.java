package dev.sessionkit.filter;

/** Tells the listeners and metrics about sessions a store found expired: on its own, or while loading one. */
final class Expiry {

    private Expiry() {
    }

    /**
     * @param runtime the filter's shared state
     * @param id      the expired session's ID
     */
    public static void expired(SessionRuntime runtime, String id) {
        runtime.metrics().expired();
        runtime.events().destroyed(SessionImpl.expired(runtime, id, runtime.now()));
    }
}
