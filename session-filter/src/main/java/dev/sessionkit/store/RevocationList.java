package dev.sessionkit.store;

import java.util.Map;

/**
 * A small server-side list that makes a {@link ClientSideStore}'s sessions revocable: which session
 * lineages ({@link SessionIds#lineage}) and which principals are revoked for cookies issued before a time,
 * and, per principal, a record of the live sessions for the admin view.
 *
 * <p>Every entry carries the instant it may be forgotten: the store passes the end of the absolute
 * timeout, after which no cookie the entry covers opens anyway, so the list stays bounded by the sessions
 * revoked within one absolute timeout.
 *
 * <p>Thread-safe. When the backing service cannot be reached, every method throws
 * {@link SessionStoreUnavailableException}: a cookie store must then refuse the request (503), never serve a
 * session that may be revoked.
 */
public interface RevocationList extends AutoCloseable {

    /**
     * An issue time no cookie reaches (epoch microseconds, in the year 2255): revoking a lineage before it
     * kills the lineage for good. Exact as a double, so scripts (Redis' Lua) compare it exactly.
     */
    long FOREVER = (1L << 53) - 1;

    /**
     * What one lookup found: cookies issued before these instants (epoch microseconds) are revoked; 0 when
     * nothing is.
     *
     * @param lineageIssuedBefore   for the session's lineage
     * @param principalIssuedBefore for the session's principal
     */
    record Revoked(long lineageIssuedBefore, long principalIssuedBefore) {

        /** Nothing revoked. */
        public static final Revoked NONE = new Revoked(0, 0);

        /**
         * @param issuedAt     when the cookie was sealed, epoch microseconds
         * @param hasPrincipal whether the cookie's session is logged in
         * @return true when the cookie must not open
         */
        public boolean revokes(long issuedAt, boolean hasPrincipal) {
            return issuedAt < lineageIssuedBefore || (hasPrincipal && issuedAt < principalIssuedBefore);
        }
    }

    /**
     * Looks up a lineage and a principal in one round trip.
     *
     * @param lineage   a session lineage
     * @param principal the session's principal, or null
     * @param now       epoch milliseconds: entries that expired by then count as absent
     * @return the revocation times, {@link Revoked#NONE} when neither is listed
     */
    Revoked lookup(String lineage, String principal, long now);

    /**
     * Revokes the cookies of a lineage issued before an instant. A later call with an earlier instant
     * never shortens an entry.
     *
     * @param lineage      a session lineage
     * @param issuedBefore cookies issued before this die (epoch microseconds); {@link #FOREVER} for all
     * @param expiresAt    when the entry may be forgotten, epoch milliseconds
     */
    void revokeLineage(String lineage, long issuedBefore, long expiresAt);

    /**
     * Revokes the cookies of a principal issued before an instant: "log out everywhere".
     *
     * @param principal    a user name
     * @param issuedBefore cookies of this user issued before this die (epoch microseconds)
     * @param expiresAt    when the entry may be forgotten, epoch milliseconds
     */
    void revokePrincipal(String principal, long issuedBefore, long expiresAt);

    /**
     * Records (or refreshes) a logged-in session in the principal's record of live sessions.
     *
     * @param principal   the user
     * @param lineage     the session's lineage, the record's key
     * @param description what the admin view shows of it, opaque to the list
     * @param expiresAt   when the session ends at the latest
     */
    void recordSession(String principal, String lineage, String description, long expiresAt);

    /**
     * @param principal a user
     * @param now       epoch milliseconds: expired records are left out
     * @return lineage to description of the principal's recorded sessions
     */
    Map<String, String> sessionsOf(String principal, long now);

    /**
     * Drops sessions from a principal's record (revoked or expired ones).
     *
     * @param principal a user
     * @param lineages  the lineages to drop
     */
    void forgetSessions(String principal, Iterable<String> lineages);

    /**
     * Connects, where connecting can wait until the store starts; called once by the store's
     * {@link SessionStore#start}. The default does nothing.
     *
     * @throws dev.sessionkit.SessionException when the backing service is misconfigured (a missing table)
     */
    default void start() {
    }

    /**
     * @return one cheap round trip to the backing service, timed; never throws
     */
    default StoreHealth health() {
        return StoreHealth.up(java.time.Duration.ZERO);
    }

    /** Releases connections the list opened. The default does nothing. */
    @Override
    default void close() {
    }
}
