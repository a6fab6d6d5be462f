package dev.sessionkit.store;

import java.util.Optional;

/**
 * Where sessions live: the one seam between the servlet filter and storage.
 *
 * <p>The filter puts a signed session ID in the cookie and passes the ID to the store. A store that keeps
 * the whole session in the cookie instead implements {@link ClientSideStore}.
 *
 * <h2>Concurrency contract</h2>
 * Implementations are thread-safe. Several requests may load and save the same session at once, and
 * the store guarantees:
 * <ul>
 *   <li>{@link #save} applies a delta atomically: attributes that one request did not change are left
 *       as another request wrote them, so concurrent requests that change different attributes all
 *       survive.</li>
 *   <li>{@link #save} never resurrects: saving a session that is not new, when it was deleted, rotated
 *       away or expired meanwhile, writes nothing and returns null.</li>
 *   <li>A new session never overwrites a stored one: saving a new session under an ID in use writes
 *       nothing and returns null.</li>
 *   <li>{@link #rotate} is atomic: after it returns, the old ID loads nothing, and no save under the old
 *       ID can recreate it.</li>
 * </ul>
 * Client-side stores can give none of these across requests (the browser keeps the last cookie it was
 * sent) and document what they give instead.
 *
 * <h2>Errors</h2>
 * Stored data that cannot be read is treated as absent. When the backing service cannot be reached or
 * does not answer in time, methods throw {@link SessionStoreUnavailableException}; the filter answers
 * such a request with 503.
 */
public interface SessionStore extends AutoCloseable {

    /**
     * How long after a rotation a store that can tell answers {@link LoadResult#ROTATED} for the old ID:
     * long enough for requests the browser sent before it saw the new cookie.
     */
    long ROTATION_GRACE_MILLIS = 30_000;

    /**
     * Loads the session an ID names and records the access.
     *
     * <p>The returned data carries the previous access time. The store records {@code now} as the new
     * access time (and extends any time-to-live) when the recorded access is at least
     * {@code touchAfterMillis} old; it may record it more often. A session found past its idle timeout is
     * removed and reported as {@link LoadResult.Status#EXPIRED}. An ID rotated away less than
     * {@link #ROTATION_GRACE_MILLIS} ago should be reported as {@link LoadResult#ROTATED}; a store that keeps
     * no record of rotations answers {@link LoadResult#ABSENT}.
     *
     * @param token            the session ID, or for a {@link ClientSideStore} the sealed session
     * @param now              epoch milliseconds of this access
     * @param touchAfterMillis how old the recorded access must be before it is rewritten
     * @return found, absent, expired or rotated; never null
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    LoadResult load(String token, long now, long touchAfterMillis);

    /**
     * Persists one request's changes.
     *
     * @param session the session as the request leaves it; {@code lastAccessedTime} is the time to record
     * @param changes what the request changed; values come from {@code session.attributes()}
     * @return the token the cookie must carry from now on (the ID, or a client-side store's sealed
     *         session), or null when nothing was written: the session no longer exists, or a new session's
     *         ID is taken
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     * @throws dev.sessionkit.SessionException when the session cannot be stored (a client-side store's
     *         size limit, for instance); the message says what to change
     */
    String save(SessionData session, SessionChanges changes);

    /**
     * Deletes a session. Deleting an unknown ID does nothing.
     *
     * @param id  the session ID
     * @param now epoch milliseconds, as the filter's clock tells them
     * @return true when a session was deleted
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    boolean delete(String id, long now);

    /**
     * Moves a session to a new ID, keeping its data; the old ID is dead when this returns.
     *
     * <p>The new ID must keep the old one's lineage ({@link SessionIds#rotated}), so that a store can
     * keep every ID of a session on one shard, and must not be in use. A call that breaks either rule
     * changes nothing and throws {@link IllegalArgumentException}, in every store.
     *
     * @param oldId the current ID
     * @param newId the new ID: same lineage, never in use
     * @param now   epoch milliseconds, as the filter's clock tells them
     * @return false when no session exists under {@code oldId} (deleted, rotated or expired meanwhile)
     * @throws IllegalArgumentException when {@code newId} has another lineage or is in use
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    boolean rotate(String oldId, String newId, long now);

    /**
     * Opens a session that the browser names by a cookie value this filter did not sign: during a migration
     * ({@link MigratingSessionStore}), a client-side store's sealed session or another library's session
     * cookie. The session returned lives in this store from now on, under the ID it carries, and the filter
     * sends that ID signed in place of the foreign value.
     *
     * <p>The filter calls it only when no signed ID of the request named a session, with at most a few
     * values. The default adopts nothing and costs nothing. In a window into the cookie store (a rollback,
     * where the migrating store is a {@link ClientSideStore}) it is the other way round: the filter calls it
     * with the ID the old store keeps a session under, taken from a signed cookie, and seals the session.
     *
     * @param cookieValue      a value of the session cookie that is not a signed ID (chunks joined); in a
     *                         window into the cookie store, the old store's ID of a signed cookie's session
     * @param now              epoch milliseconds of this access
     * @param touchAfterMillis as for {@link #load}
     * @return FOUND with the adopted session, or {@link LoadResult#ABSENT}
     * @throws SessionStoreUnavailableException when a backing service cannot be reached
     */
    default LoadResult adopt(String cookieValue, long now, long touchAfterMillis) {
        return LoadResult.ABSENT;
    }

    /**
     * Inserts a session copied from another store (an import), keeping its ID, its times and what is left of
     * its lifetime at {@code now}; never overwrites a stored session. The caller skips sessions already
     * expired. The default saves it as a new session, which keeps its times; a store whose time-to-live
     * counts from the save (Redis) overrides it so the copy expires when the original would have.
     *
     * @param session the session as the other store held it (its store ID, its encoded attributes)
     * @param now     epoch milliseconds, as the caller's clock tells them
     * @return true when inserted, false when a session with that ID is stored already
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    default boolean insert(SessionData session, long now) {
        return save(session, new SessionChanges(true, session.attributes().keySet(), java.util.Set.of(), true)) != null;
    }

    /**
     * The administrator's view of this store: listing, counting, per-user sessions. Wrappers pass it
     * through (see {@link ForwardingSessionStore}).
     *
     * @return the admin view, or empty for a store that keeps no list of sessions (the default)
     */
    default Optional<SessionAdmin> admin() {
        return Optional.empty();
    }

    /**
     * The per-session locks that order a session's requests ({@code lock=true}). Wrappers pass them
     * through (see {@link ForwardingSessionStore}).
     *
     * @return the locks, or empty for a store that cannot lock (the default; a client-side store)
     */
    default Optional<SessionLocks> locks() {
        return Optional.empty();
    }

    /**
     * Checks the backing service now: one cheap round trip, timed. Load balancers, Kubernetes probes, the
     * command-line tool and the Spring Boot health indicator call it; it never throws.
     *
     * <p>The default, for stores with nothing to reach (memory, cookie), reports healthy at once.
     *
     * @return what the check found
     */
    default StoreHealth health() {
        return StoreHealth.up(java.time.Duration.ZERO);
    }

    /**
     * Called once by the filter before the first request, and before any other method. A store may
     * start threads and connections here, not earlier. A store used without the filter behaves as if
     * given {@link StoreContext#NONE}. The default does nothing.
     *
     * @param context the absolute timeout and the expiry listener
     */
    default void start(StoreContext context) {
    }

    /** Releases connections and threads. The default does nothing. */
    @Override
    default void close() {
    }
}
