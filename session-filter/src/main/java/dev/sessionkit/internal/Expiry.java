package dev.sessionkit.internal;

import dev.sessionkit.store.SessionData;

import java.util.function.Supplier;

/** Tells the listeners and metrics about sessions a store found expired on its own. */
public final class Expiry {

    /** The request whose load is under way on this thread, so an expiry reported during it is not a forgery. */
    private static final ThreadLocal<RequestSessions> LOADING = new ThreadLocal<>();

    private Expiry() {
    }

    /**
     * @param runtime the filter's shared state
     * @param id      the expired session's ID
     */
    public static void expired(SessionRuntime runtime, String id) {
        RequestSessions loading = LOADING.get();
        if (loading != null) {
            loading.expiredWhileLoading();
        }
        runtime.metrics().expired();
        runtime.events().destroyed(SessionImpl.expired(runtime, id, runtime.now()));
    }

    static SessionData watch(RequestSessions request, Supplier<SessionData> load) {
        LOADING.set(request);
        try {
            return load.get();
        } finally {
            LOADING.remove();
        }
    }
}
