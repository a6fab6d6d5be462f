package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;

import java.time.Duration;

/**
 * What the cookie store tells its {@link RevocationList}, and the one question it asks per request. A
 * cookie's issue time is sealed in it ({@link IssueClock}, microseconds); revocations are timed by the same
 * clock, entries' expiry by the filter's (milliseconds).
 *
 * <ul>
 *   <li>logout (delete) revokes the lineage for good: no cookie of it opens again, not even one a request
 *       in flight seals later;</li>
 *   <li>rotation revokes the lineage's cookies issued before the rotation, so the cookie with the new ID,
 *       sealed by the same request, opens;</li>
 *   <li>"log out everywhere" revokes each recorded lineage of the user for good and the user's cookies
 *       issued up to now ({@link CookieSessionAdmin}).</li>
 * </ul>
 * Entries expire when the absolute timeout ends every cookie they cover. Thread-safe.
 */
final class Revocations {

    private final RevocationList list;
    private volatile long absoluteTimeoutMillis;

    Revocations(RevocationList list) {
        this.list = list;
    }

    RevocationList list() {
        return list;
    }

    /** @throws SessionException when the filter sets no absolute timeout, which would keep entries forever */
    void start(Duration absoluteTimeout) {
        if (absoluteTimeout.isZero()) {
            throw new SessionException("cookie-store.revocation needs an absolute timeout, which bounds how long the"
                    + " revocation list keeps an entry: set timeout.absolute (for example 8h)");
        }
        this.absoluteTimeoutMillis = absoluteTimeout.toMillis();
        list.start();
    }

    /** One lookup: whether the lineage or the principal of an opened cookie is revoked. */
    boolean isRevoked(SessionData session, long issuedAt, long now) {
        return list.lookup(SessionIds.lineage(session.id()), session.principal(), now)
                .revokes(issuedAt, session.principal() != null);
    }

    /** Records a logged-in session in its user's record, for the admin view. */
    void saved(SessionData session, long issuedAt, long absoluteDeadline) {
        if (session.principal() != null) {
            list.recordSession(session.principal(), SessionIds.lineage(session.id()),
                    SessionRecord.describe(session, issuedAt), absoluteDeadline);
        }
    }

    void deleted(String id, long now) {
        list.revokeLineage(SessionIds.lineage(id), RevocationList.FOREVER, expiry(now));
    }

    void rotated(String oldId, long now) {
        list.revokeLineage(SessionIds.lineage(oldId), IssueClock.tick(), expiry(now));
    }

    /** "Log out everywhere": the user's cookies issued until now die. */
    void principalRevoked(String principal, long now) {
        list.revokePrincipal(principal, IssueClock.tick(), expiry(now));
    }

    /** @return when an entry made now may be forgotten: every cookie it covers was created by now */
    long expiry(long now) {
        if (absoluteTimeoutMillis == 0) {
            throw new IllegalStateException("The cookie store is not started: the filter starts it, with its absolute"
                    + " timeout; without the filter call start(StoreContext) first");
        }
        return now + absoluteTimeoutMillis;
    }
}
