package dev.sessionkit.filter;

import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Caps how many requests may be inside the store at once. When the store is slow, calls beyond the cap
 * fail at once as unavailable (a 503) instead of holding a container thread each, so the threads left
 * keep serving requests that need no session.
 */
final class BoundedStore extends ForwardingSessionStore {

    private final Semaphore permits;
    private final int limit;

    BoundedStore(SessionStore delegate, int limit) {
        super(delegate);
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        acquire(); // no lambda here: every request loads, and a capturing lambda is an allocation each time
        try {
            return super.load(token, now, touchAfterMillis);
        } finally {
            permits.release();
        }
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        return bounded(() -> super.save(session, changes));
    }

    @Override
    public boolean delete(String id, long now) {
        return bounded(() -> super.delete(id, now));
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        return bounded(() -> super.rotate(oldId, newId, now));
    }

    private <T> T bounded(Supplier<T> call) {
        acquire();
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        if (!permits.tryAcquire()) {
            throw new SessionStoreUnavailableException("Session store saturated: " + limit
                    + " requests are already waiting for it (store.max-concurrent-calls)", null);
        }
    }
}
