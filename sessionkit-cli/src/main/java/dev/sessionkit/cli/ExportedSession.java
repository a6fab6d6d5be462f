package dev.sessionkit.cli;

import dev.sessionkit.store.SessionData;

/**
 * One line of an export: a session as its store held it, and the absolute deadline the exporting
 * configuration gave it.
 *
 * @param session          the session under its store ID, attributes as stored
 * @param absoluteDeadline epoch milliseconds past which it ends however active, or 0 for none
 */
record ExportedSession(SessionData session, long absoluteDeadline) {

    /** @return epoch milliseconds when it idles out, or 0 when it never does */
    long idleExpiry() {
        return session.maxInactiveSeconds() > 0 ? session.lastAccessedTime() + session.maxInactiveSeconds() * 1000L : 0;
    }

    /**
     * @param now                epoch milliseconds
     * @param absoluteTimeoutMs  the importing configuration's absolute timeout, 0 for none
     * @return whether the session has ended by {@code now}, by either configuration's rules
     */
    boolean hasEnded(long now, long absoluteTimeoutMs) {
        long idle = idleExpiry();
        return (idle > 0 && now >= idle)
                || (absoluteDeadline > 0 && now >= absoluteDeadline)
                || (absoluteTimeoutMs > 0 && now >= session.creationTime() + absoluteTimeoutMs);
    }
}
