package dev.sessionkit.store;

import java.util.Objects;

/**
 * What {@link SessionStore#load} found: a live session, nothing, a session past its idle timeout that the
 * store has just removed, or an ID that was rotated away moments ago.
 *
 * <p>Immutable. {@link #ABSENT} is a shared constant.
 *
 * @param status  what was found
 * @param session the live session when {@link Status#FOUND}, the removed one when {@link Status#EXPIRED},
 *                otherwise null
 */
public record LoadResult(Status status, SessionData session) {

    /** What a load found. */
    public enum Status {
        /** A live session; {@link #session()} holds it. */
        FOUND,
        /** No readable session under the token: unknown, deleted, rotated away or unreadable. */
        ABSENT,
        /**
         * The session was past its timeout and the store removed it; {@link #session()} holds it as it was.
         * The filter tells the listeners and metrics, so the store must not also report it to
         * {@link StoreContext#expiryListener()}.
         */
        EXPIRED,
        /**
         * The ID was rotated away within the last {@link SessionStore#ROTATION_GRACE_MILLIS}: the session
         * lives on under an ID this request must not learn. The filter gives such a request a transient
         * session that is neither saved nor sent, so a request racing a login cannot replace the new
         * cookie. Stores that cannot tell answer {@link #ABSENT}.
         */
        ROTATED
    }

    /** Nothing readable under the token. */
    public static final LoadResult ABSENT = new LoadResult(Status.ABSENT, null);
    /** The ID was rotated away moments ago. */
    public static final LoadResult ROTATED = new LoadResult(Status.ROTATED, null);

    public LoadResult {
        Objects.requireNonNull(status, "status");
        if ((status == Status.FOUND || status == Status.EXPIRED) != (session != null)) {
            throw new IllegalArgumentException("FOUND and EXPIRED results carry the session, ABSENT and ROTATED do not");
        }
    }

    /**
     * @param session the session as it was before the store removed it, never null
     * @return an EXPIRED result
     */
    public static LoadResult expired(SessionData session) {
        return new LoadResult(Status.EXPIRED, Objects.requireNonNull(session, "session"));
    }

    /**
     * @param session the live session, never null
     * @return a FOUND result
     */
    public static LoadResult found(SessionData session) {
        return new LoadResult(Status.FOUND, Objects.requireNonNull(session, "session"));
    }

    /**
     * @param session a session or null
     * @return FOUND for a session, {@link #ABSENT} for null
     */
    public static LoadResult ofNullable(SessionData session) {
        return session == null ? ABSENT : found(session);
    }

    /** @return the live session when one was found, otherwise null */
    public SessionData live() {
        return status == Status.FOUND ? session : null;
    }

    /** @return true when a live session was found */
    public boolean isFound() {
        return status == Status.FOUND;
    }

    @Override
    public String toString() {
        return "LoadResult[" + status + (session == null ? "" : ", " + session) + "]";
    }
}
