package dev.sessionkit.filter;

import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin view as one request sees it, with hashed store IDs: the request's own session is listed under
 * its session ID, so {@code info.id().equals(session.getId())} still tells "this browser" apart; every other
 * session keeps its store ID, from which no session ID can be recovered.
 */
final class OwnSessionAdmin implements SessionAdmin {

    private final SessionAdmin admin;
    private final StoreIds ids;
    private final Supplier<String> ownId;

    /**
     * @param admin the store's admin view
     * @param ids   the store IDs
     * @param ownId the request's session ID now, or null when it has none
     */
    OwnSessionAdmin(SessionAdmin admin, StoreIds ids, Supplier<String> ownId) {
        this.admin = admin;
        this.ids = ids;
        this.ownId = ownId;
    }

    @Override
    public long count() {
        return admin.count();
    }

    @Override
    public long approximateCount() {
        return admin.approximateCount();
    }

    @Override
    public SessionPage list(String cursor, int limit) {
        SessionPage page = admin.list(cursor, limit);
        return new SessionPage(own(page.sessions()), page.cursor());
    }

    @Override
    public Optional<SessionInfo> find(String id) {
        return admin.find(id).map(info -> own(List.of(info)).get(0));
    }

    @Override
    public boolean delete(String id) {
        return admin.delete(id);
    }

    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        return own(admin.sessionsOf(principal));
    }

    @Override
    public int deleteAllOf(String principal) {
        return admin.deleteAllOf(principal);
    }

    private List<SessionInfo> own(List<SessionInfo> infos) {
        String id = ownId.get();
        if (id == null) {
            return infos;
        }
        Set<String> storeIds = new HashSet<>();
        for (int key = 0; key < ids.keyCount(); key++) {
            storeIds.add(ids.storeId(key, id));
        }
        return infos.stream().map(info -> !storeIds.contains(info.id()) ? info
                : new SessionInfo(id, info.principal(), info.creationTime(), info.lastAccessedTime(),
                        info.maxInactiveSeconds(), info.attributeNames(), info.details())).toList();
    }
}
