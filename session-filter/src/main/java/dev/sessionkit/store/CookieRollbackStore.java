package dev.sessionkit.store;

import java.util.Optional;

/**
 * The migration window into the cookie store (a rollback from a server-side store): sessions live in sealed
 * cookies, and a session still in the old store moves into the cookie the first time its signed ID comes
 * back. See {@link MigratingSessionStore}, "Rolling back into the cookie store".
 *
 * <p>{@link #load} opens sealed cookies only. {@link #adopt} takes the ID the old store keeps the session
 * under, which the filter took from a signed cookie, and claims the session by its delete from the old store:
 * the one caller whose delete succeeds gets the session, every other caller (a racing request, a request after
 * a logout) gets nothing. Nothing is ever written to the old store.
 */
final class CookieRollbackStore extends MigratingSessionStore implements ClientSideStore {

    CookieRollbackStore(SessionStore cookieStore, SessionStore oldStore) {
        super(cookieStore, oldStore);
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        return delegate().load(token, now, touchAfterMillis);
    }

    @Override
    public LoadResult adopt(String oldStoreId, long now, long touchAfterMillis) {
        LoadResult inOld = oldStore().load(oldStoreId, now, NEVER_TOUCH);
        if (!inOld.isFound() || !oldStore().delete(oldStoreId, now)) {
            return LoadResult.ABSENT;
        }
        countMigrated();
        return inOld;
    }

    /** The old store's view: sessions already in cookies cannot be listed, counted or revoked. */
    @Override
    public Optional<SessionAdmin> admin() {
        return oldStore().admin();
    }
}
