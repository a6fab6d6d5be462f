package dev.sessionkit.store.cookie;

import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cookie store's admin view when revocation is on: per user only, from the record of logged-in sessions
 * the store keeps beside the revocation list. It cannot count or list every session (anonymous cookie
 * sessions leave no trace on the server), nor find one by ID. Times are the system clock's.
 */
final class CookieSessionAdmin implements SessionAdmin {

    private final Revocations revocations;

    CookieSessionAdmin(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public long count() {
        throw unsupported("count");
    }

    @Override
    public SessionPage list(String cursor, int limit) {
        throw unsupported("list");
    }

    @Override
    public Optional<SessionInfo> find(String id) {
        throw unsupported("find");
    }

    /** Revokes the session's lineage for good; true, since the store cannot tell whether its cookie lived. */
    @Override
    public boolean delete(String id) {
        revocations.deleted(id, System.currentTimeMillis());
        return true;
    }

    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        return live(principal, System.currentTimeMillis());
    }

    /**
     * Revokes each recorded session's lineage for good (so not even a request in flight can seal a live
     * cookie of it), then every cookie of the user issued up to now (those the record missed).
     */
    @Override
    public int deleteAllOf(String principal) {
        long now = System.currentTimeMillis();
        List<SessionInfo> live = live(principal, now);
        for (SessionInfo info : live) {
            revocations.deleted(info.id(), now);
        }
        revocations.principalRevoked(principal, now);
        revocations.list().forgetSessions(principal, live.stream().map(info -> SessionIds.lineage(info.id())).toList());
        return live.size();
    }

    /** The user's recorded sessions that are neither revoked nor idle: one lookup each; the others are forgotten. */
    private List<SessionInfo> live(String principal, long now) {
        RevocationList list = revocations.list();
        List<SessionInfo> live = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, String> recorded : list.sessionsOf(principal, now).entrySet()) {
            SessionRecord record = SessionRecord.read(recorded.getValue());
            SessionInfo info = record == null ? null : record.info();
            boolean idle = info != null && info.maxInactiveSeconds() > 0
                    && now > info.lastAccessedTime() + info.maxInactiveSeconds() * 1000L;
            if (info == null || idle || list.lookup(recorded.getKey(), principal, now).revokes(record.issuedAt(), true)) {
                gone.add(recorded.getKey());
            } else {
                live.add(info);
            }
        }
        if (!gone.isEmpty()) {
            list.forgetSessions(principal, gone);
        }
        live.sort(Comparator.comparingLong(SessionInfo::lastAccessedTime).reversed());
        return live;
    }

    private static UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException("The cookie store's admin view is per user: sessionsOf, deleteAllOf and"
                + " delete work; " + operation + " needs a server-side store, since anonymous cookie sessions leave no"
                + " trace on the server");
    }
}
