package dev.sessionkit.store;

/**
 * Where sessions live: the one seam between the servlet filter and storage.
 *
 * <p>The filter puts a <em>token</em> in the session cookie. For a server-side store (memory, Redis)
 * the token is the session ID and the filter signs it; for a client-side store ({@link #isClientSide()})
 * the token is the whole session sealed by the store, and the filter stores it as is, split over
 * several cookies when longer than {@link #COOKIE_CHUNK_BYTES}.
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
 *   <li>{@link #rotate} is atomic: after it returns, the old ID loads nothing, and no save under the old
 *       ID can recreate it.</li>
 * </ul>
 * Client-side stores can give none of these across requests (the browser keeps the last cookie it was
 * sent) and document what they give instead.
 *
 * <h2>Errors</h2>
 * Stored data that cannot be read is treated as absent (load returns null). When the backing service
 * cannot be reached, methods throw {@link SessionStoreUnavailableException}; the filter answers such a
 * request with 503.
 */
public interface SessionStore extends AutoCloseable {

    /** Most bytes the filter puts in one cookie value; longer tokens are split over numbered cookies. */
    int COOKIE_CHUNK_BYTES = 4000;

    /**
     * Loads the session a verified cookie token names and records the access.
     *
     * <p>The returned data carries the previous access time, so the caller can tell idle expiry. The
     * store records {@code now} as the new access time (and extends any time-to-live) when the
     * recorded access is at least {@code touchAfterMillis} old; it may record it more often.
     *
     * @param token            the cookie token: a session ID, or for client-side stores the sealed session
     * @param now              epoch milliseconds of this access
     * @param touchAfterMillis how old the recorded access must be before it is rewritten
     * @return the session, or null when the store has no readable session for the token
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    SessionData load(String token, long now, long touchAfterMillis);

    /**
     * Persists one request's changes.
     *
     * @param session the session as the request leaves it; {@code lastAccessedTime} is the time to record
     * @param changes what the request changed; values come from {@code session.attributes()}
     * @return the token the cookie must carry from now on, or null when the session no longer exists and
     *         nothing was written
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     * @throws dev.sessionkit.SessionException when the session cannot be stored (a client-side store's
     *         size limit, for instance); the message says what to change
     */
    String save(SessionData session, SessionChanges changes);

    /**
     * Deletes a session. Deleting an unknown ID does nothing.
     *
     * @param id the session ID
     * @return true when a session was deleted
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    boolean delete(String id);

    /**
     * Moves a session to a new ID, keeping its data; the old ID is dead when this returns.
     *
     * @param oldId the current ID
     * @param newId the new ID, never in use
     * @return false when no session exists under {@code oldId} (deleted, rotated or expired meanwhile)
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    boolean rotate(String oldId, String newId);

    /**
     * Called once by the filter before the first request, and before any other method. A store used
     * without the filter behaves as if given {@link StoreContext#NONE}. The default does nothing.
     *
     * @param context the absolute timeout and the expiry listener
     */
    default void start(StoreContext context) {
    }

    /**
     * Tells whether the cookie carries the session itself rather than an ID. The filter then neither
     * signs the token nor expects the store to record accesses on load: it calls {@link #save} when an
     * access is due to be recorded.
     *
     * @return true for client-side stores; false by default
     */
    default boolean isClientSide() {
        return false;
    }

    /** Releases connections and threads. The default does nothing. */
    @Override
    default void close() {
    }
}
