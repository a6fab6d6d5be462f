package dev.sessionkit.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The admin view of a migration window: both stores, the new one first. A listing's cursor says which store
 * it is in ({@code n:} or {@code o:} before the store's own cursor). A session is in at most one store at a
 * time, except for the moment of its move, when a listing may show it twice.
 */
final class MigratingAdmin implements SessionAdmin {

    private static final String IN_NEW = "n:";
    private static final String IN_OLD = "o:";

    private final SessionAdmin fresh;
    private final SessionAdmin old;

    MigratingAdmin(SessionAdmin fresh, SessionAdmin old) {
        this.fresh = fresh;
        this.old = old;
    }

    @Override
    public long count() {
        return fresh.count() + old.count();
    }

    @Override
    public long approximateCount() {
        return fresh.approximateCount() + old.approximateCount();
    }

    @Override
    public SessionPage list(String cursor, int limit) {
        if (cursor == null || cursor.startsWith(IN_NEW)) {
            SessionPage page = fresh.list(cursor == null ? null : cursor.substring(IN_NEW.length()), limit);
            return new SessionPage(page.sessions(), page.cursor() != null ? IN_NEW + page.cursor() : IN_OLD);
        }
        if (!cursor.startsWith(IN_OLD)) {
            throw new IllegalArgumentException("Not a cursor of this listing: start again with null");
        }
        String inOld = cursor.substring(IN_OLD.length());
        SessionPage page = old.list(inOld.isEmpty() ? null : inOld, limit);
        return new SessionPage(page.sessions(), page.cursor() == null ? null : IN_OLD + page.cursor());
    }

    @Override
    public Optional<SessionInfo> find(String id) {
        Optional<SessionInfo> found = fresh.find(id);
        return found.isPresent() ? found : old.find(id);
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = fresh.delete(id);
        return old.delete(id) || deleted;
    }

    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        List<SessionInfo> all = new ArrayList<>(fresh.sessionsOf(principal));
        all.addAll(old.sessionsOf(principal));
        all.sort(Comparator.comparingLong(SessionInfo::lastAccessedTime).reversed());
        return all;
    }

    @Override
    public int deleteAllOf(String principal) {
        return fresh.deleteAllOf(principal) + old.deleteAllOf(principal);
    }
}
