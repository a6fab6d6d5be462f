package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SessionAdmin} over Redis: counting and listing scan every master's keys, a user's sessions come
 * from the {@link UserIndex}. Reads here never touch a session. Thread-safe.
 */
final class RedisAdmin implements SessionAdmin {

    /** SCAN calls one listing page may make before it returns what it has: pages stay quick on a large keyspace. */
    private static final int SCANS_PER_PAGE = 16;
    private static final int COUNT_SCAN_BATCH = 1000;

    private final Keys keys;
    private final Nodes nodes;
    private final RedisErrors errors;
    private final SessionReader reader;
    private final UserIndex userIndex;
    private final SessionDeleter deleter;

    RedisAdmin(Keys keys, Nodes nodes, RedisErrors errors, SessionReader reader, UserIndex userIndex, SessionDeleter deleter) {
        this.keys = keys;
        this.nodes = nodes;
        this.errors = errors;
        this.reader = reader;
        this.userIndex = userIndex;
        this.deleter = deleter;
    }

    @Override
    public long count() {
        ScanParams params = new ScanParams().match(keys.sessionPattern()).count(COUNT_SCAN_BATCH);
        return errors.read(() -> {
            long count = 0;
            for (Nodes.Node node : nodes.masters()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> batch = node.scan(cursor, params);
                    count += batch.getResult().stream().filter(key -> keys.idOf(key) != null).count();
                    cursor = batch.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
            return count;
        });
    }

    @Override
    public SessionPage list(String cursor, int limit) {
        int wanted = Math.max(1, limit);
        List<Nodes.Node> masters = errors.read(nodes::masters);
        int node = 0;
        String scanCursor = ScanParams.SCAN_POINTER_START;
        if (cursor != null) {
            int colon = cursor.indexOf(':');
            try {
                node = Integer.parseInt(cursor.substring(0, colon));
                scanCursor = cursor.substring(colon + 1);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor this store returned: " + cursor);
            }
        }
        ScanParams params = new ScanParams().match(keys.sessionPattern()).count(Math.max(wanted, 10));
        Set<String> ids = new LinkedHashSet<>();
        for (int scans = 0; node < masters.size() && ids.size() < wanted && scans < SCANS_PER_PAGE; scans++) {
            Nodes.Node current = masters.get(node);
            String from = scanCursor;
            ScanResult<String> batch = errors.read(() -> current.scan(from, params));
            batch.getResult().stream().map(keys::idOf).filter(Objects::nonNull).forEach(ids::add);
            scanCursor = batch.getCursor();
            if (scanCursor.equals(ScanParams.SCAN_POINTER_START)) {
                node++;
            }
        }
        List<SessionInfo> page = new ArrayList<>();
        reader.fetch(ids).forEach((id, data) -> page.add(SessionInfo.of(data)));
        return new SessionPage(page, node < masters.size() ? node + ":" + scanCursor : null);
    }

    @Override
    public Optional<SessionInfo> find(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(reader.fetch(List.of(id)).get(id)).map(SessionInfo::of);
    }

    @Override
    public boolean delete(String id) {
        return SessionIds.isWellFormed(id) && deleter.delete(id, null);
    }

    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        List<SessionInfo> sessions = new ArrayList<>(userIndex.live(principal).stream().map(SessionInfo::of).toList());
        sessions.sort(Comparator.comparingLong(SessionInfo::lastAccessedTime).reversed());
        return sessions;
    }

    @Override
    public int deleteAllOf(String principal) {
        int deleted = 0;
        for (SessionData session : userIndex.live(principal)) {
            if (deleter.delete(session.id(), principal)) {
                deleted++;
            }
        }
        return deleted;
    }
}
