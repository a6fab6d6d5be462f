package dev.sessionkit.filter;

import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;

import java.util.List;
import java.util.Optional;

/**
 * Keeps every session of a server-side store under its {@linkplain StoreIds store ID}, a keyed hash of the
 * session ID, so the store never holds a value a cookie could carry. The filter above it sees session IDs
 * as ever.
 *
 * <p>The current key is tried first. A session a retired secret's key stored is found with that key, and
 * lives under it until it ends: each miss costs one more store call per retired secret, which only unknown
 * IDs and such sessions pay. The admin view and expiry events know sessions by their store ID (a session
 * ID cannot be recovered from it); {@link SessionAdmin#find} and {@link SessionAdmin#delete} take either.
 */
final class HashedIdStore extends ForwardingSessionStore {

    private final StoreIds ids;

    HashedIdStore(SessionStore delegate, StoreIds ids) {
        super(delegate);
        this.ids = ids;
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        if (!SessionIds.isWellFormed(token)) {
            return LoadResult.ABSENT;
        }
        for (int key = 0; key < ids.keyCount(); key++) {
            LoadResult result = super.load(ids.storeId(key, token), now, touchAfterMillis);
            switch (result.status()) {
                case FOUND -> {
                    return LoadResult.found(result.session().withId(token));
                }
                case EXPIRED -> {
                    return LoadResult.expired(result.session().withId(token));
                }
                case ROTATED -> {
                    return result;
                }
                case ABSENT -> {
                    // tried under the next key
                }
            }
        }
        return LoadResult.ABSENT;
    }

    /**
     * A migration adopts a foreign cookie's session under its session ID; it is moved at once under its
     * store ID (same lineage, so one atomic rotation), where every later load looks for it.
     */
    @Override
    public LoadResult adopt(String cookieValue, long now, long touchAfterMillis) {
        LoadResult result = super.adopt(cookieValue, now, touchAfterMillis);
        if (!result.isFound()) {
            return result;
        }
        String id = result.session().id();
        if (!super.rotate(id, ids.storeId(0, id), now)) {
            return LoadResult.ABSENT;
        }
        return result;
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        int keys = changes.isNew() ? 1 : ids.keyCount();
        for (int key = 0; key < keys; key++) {
            if (super.save(session.withId(ids.storeId(key, session.id())), changes) != null) {
                return session.id();
            }
        }
        return null;
    }

    @Override
    public boolean delete(String id, long now) {
        for (int key = 0; key < ids.keyCount(); key++) {
            if (super.delete(ids.storeId(key, id), now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        for (int key = 0; key < ids.keyCount(); key++) {
            if (super.rotate(ids.storeId(key, oldId), ids.storeId(key, newId), now)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return super.admin().map(HashedAdmin::new);
    }

    /** The store's admin view, which lists store IDs; find and delete take a session ID or a store ID. */
    private final class HashedAdmin implements SessionAdmin {
        private final SessionAdmin admin;

        HashedAdmin(SessionAdmin admin) {
            this.admin = admin;
        }

        @Override
        public long count() {
            return admin.count();
        }

        @Override
        public long approximateCount() {
            return admin.approximateCount();
        }

        @Override
        public SessionPage list(String cursor, int limit) {
            return admin.list(cursor, limit);
        }

        @Override
        public Optional<SessionInfo> find(String id) {
            if (!SessionIds.isWellFormed(id)) {
                return Optional.empty();
            }
            for (int key = 0; key < ids.keyCount(); key++) {
                Optional<SessionInfo> found = admin.find(ids.storeId(key, id));
                if (found.isPresent()) {
                    return found;
                }
            }
            return admin.find(id);
        }

        @Override
        public boolean delete(String id) {
            if (!SessionIds.isWellFormed(id)) {
                return false;
            }
            for (int key = 0; key < ids.keyCount(); key++) {
                if (admin.delete(ids.storeId(key, id))) {
                    return true;
                }
            }
            return admin.delete(id);
        }

        @Override
        public List<SessionInfo> sessionsOf(String principal) {
            return admin.sessionsOf(principal);
        }

        @Override
        public int deleteAllOf(String principal) {
            return admin.deleteAllOf(principal);
        }
    }
}
