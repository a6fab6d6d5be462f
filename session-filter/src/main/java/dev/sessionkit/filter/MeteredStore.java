package dev.sessionkit.filter;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Times every store call, admin calls included (inside {@link SessionMetrics#aroundStoreCall}), and records saved sizes; in front of the store only when metrics are on. */
final class MeteredStore extends ForwardingSessionStore {

    private final SessionMetrics metrics;
    private final Optional<SessionAdmin> admin;

    MeteredStore(SessionStore delegate, SessionMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
        this.admin = delegate.admin().map(MeteredAdmin::new);
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        return timed("load", () -> super.load(token, now, touchAfterMillis));
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        String token = timed("save", () -> super.save(session, changes));
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
    public boolean delete(String id, long now) {
        return timed("delete", () -> super.delete(id, now));
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        return timed("rotate", () -> super.rotate(oldId, newId, now));
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return admin;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        return metrics.aroundStoreCall(operation, () -> time(operation, call));
    }

    private <T> T time(String operation, Supplier<T> call) {
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

    /** The store's admin view, each call timed as {@code admin.<method>}. */
    private final class MeteredAdmin implements SessionAdmin {
        private final SessionAdmin delegate;

        MeteredAdmin(SessionAdmin delegate) {
            this.delegate = delegate;
        }

        @Override
        public long count() {
            return timed("admin.count", delegate::count);
        }

        @Override
        public long approximateCount() {
            return timed("admin.approximateCount", delegate::approximateCount);
        }

        @Override
        public SessionPage list(String cursor, int limit) {
            return timed("admin.list", () -> delegate.list(cursor, limit));
        }

        @Override
        public Optional<SessionInfo> find(String id) {
            return timed("admin.find", () -> delegate.find(id));
        }

        @Override
        public boolean delete(String id) {
            return timed("admin.delete", () -> delegate.delete(id));
        }

        @Override
        public List<SessionInfo> sessionsOf(String principal) {
            return timed("admin.sessionsOf", () -> delegate.sessionsOf(principal));
        }

        @Override
        public int deleteAllOf(String principal) {
            return timed("admin.deleteAllOf", () -> delegate.deleteAllOf(principal));
        }
    }
}
