package dev.sessionkit.store;

import java.util.List;

/**
 * One page of a session listing.
 *
 * @param sessions the sessions on this page, possibly empty even when more follow
 * @param cursor   pass to the next call to continue, or null when the listing is complete
 */
public record SessionPage(List<SessionInfo> sessions, String cursor) {

    public SessionPage {
        sessions = List.copyOf(sessions);
    }
}
