package dev.sessionkit.store;

import java.util.List;
import java.util.Optional;

/**
 * Operations on sessions other than the current request's: the per-user index ("your active sessions",
 * "log out everywhere") and the administrator's view. Implemented by server-side stores; a client-side
 * store keeps no list of sessions, except the cookie store with a {@link RevocationList}, which offers the
 * per-user part and throws {@link UnsupportedOperationException} from the rest.
 *
 * <p>Thread-safe. Deleting through this interface is final: a request still holding a deleted session
 * cannot save it back (see {@link SessionStore}'s no-resurrection guarantee).
 */
public interface SessionAdmin {

    /**
     * @return the number of live sessions, exact or a close estimate where the store says so
     */
    long count();

    /**
     * Counts live sessions at a cost that does not grow with their number, for a gauge that is read often;
     * how exact it is, each store says. The default is {@link #count()}: override it where that scans.
     *
     * @return the number of live sessions, exact or an estimate as the store documents
     */
    default long approximateCount() {
        return count();
    }

    /**
     * Lists sessions page by page, in no particular order.
     *
     * @param cursor null to start, then the cursor of the previous page
     * @param limit  the most sessions wanted on one page (a hint)
     * @return a page; its cursor is null when the listing is complete
     */
    SessionPage list(String cursor, int limit);

    /**
     * @param id a session ID
     * @return the session's metadata, or empty when no such session lives
     */
    Optional<SessionInfo> find(String id);

    /**
     * Deletes one session.
     *
     * @param id a session ID
     * @return true when a session was deleted
     */
    boolean delete(String id);

    /**
     * @param principal a user name as given to {@code Sessions.login}
     * @return the principal's live sessions, most recently accessed first
     */
    List<SessionInfo> sessionsOf(String principal);

    /**
     * Deletes every session of a principal: "log out everywhere".
     *
     * @param principal a user name
     * @return how many sessions were deleted
     */
    int deleteAllOf(String principal);
}
