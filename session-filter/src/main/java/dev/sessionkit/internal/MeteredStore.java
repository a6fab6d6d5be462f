package dev.sessionkit.internal;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;

import java.util.Map;
import java.util.function.Supplier;

/** Times every store call and records saved sizes; in front of the store only when metrics are on. */
final class MeteredStore implements SessionStore {

    private final SessionStore delegate;
    private final SessionMetrics metrics;

    MeteredStore(SessionStore delegate, SessionMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void start(StoreContext context) {
        delegate.start(context);
    }

    @Override
    public SessionData load(String token, long now, long touchAfterMillis) {
        return timed("load", () -> delegate.load(token, now, touchAfterMillis));
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        String token = timed("save", () -> delegate.save(session, changes));
        if (token != null) {
            int bytes = 0;
            for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
                bytes += attribute.getKey().length() + attribute.getValue().length;
            }
            metrics.stored(bytes);
        }
        return token;
    }

    @Override
    public boolean delete(String id) {
        return timed("delete", () -> delegate.delete(id));
    }

    @Override
    public boolean rotate(String oldId, String newId) {
        return timed("rotate", () -> delegate.rotate(oldId, newId));
    }

    @Override
    public boolean isClientSide() {
        return delegate.isClientSide();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean unavailable = false;
        try {
            return call.get();
        } catch (SessionStoreUnavailableException e) {
            unavailable = true;
            throw e;
        } finally {
            metrics.storeCall(operation, System.nanoTime() - start, unavailable);
        }
    }
}
