package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the joined rows of {@link Statements} (one per attribute, or one with null attribute columns for a
 * session without attributes) into sessions, in the order the query gave them. Rows that cannot be a
 * session (malformed ID, times out of range) are left out: stored data that cannot be read is absent.
 */
final class Rows {

    private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** A session as stored, with its surrogate key. */
    record Stored(long pk, SessionData session) {
    }

    private Rows() {
    }

    static List<Stored> read(ResultSet rows) throws SQLException {
        Map<Long, Partial> sessions = new LinkedHashMap<>();
        while (rows.next()) {
            long pk = rows.getLong(1);
            Partial partial = sessions.get(pk);
            if (partial == null) {
                partial = new Partial(rows.getString(2), rows.getLong(3), rows.getLong(4), rows.getInt(5), rows.getString(6));
                sessions.put(pk, partial);
            }
            String name = rows.getString(7);
            if (name != null) {
                byte[] value = rows.getBytes(8);
                partial.attributes.put(name, value == null ? new byte[0] : value);
            }
        }
        List<Stored> result = new ArrayList<>(sessions.size());
        sessions.forEach((pk, partial) -> {
            if (partial.isReadable()) {
                result.add(new Stored(pk, partial.toSession()));
            } else {
                problem("a session row with a malformed ID or times out of range");
            }
        });
        return result;
    }

    static Stored readOne(ResultSet rows) throws SQLException {
        List<Stored> sessions = read(rows);
        return sessions.isEmpty() ? null : sessions.get(0);
    }

    private static void problem(String what) {
        if (REPORTED.add(what)) {
            LOG.log(System.Logger.Level.WARNING, "The session tables hold " + what + "; such sessions are treated"
                    + " as absent. Further occurrences are not logged.");
        }
    }

    private static final class Partial {
        final String id;
        final long creationTime;
        final long lastAccessedTime;
        final int maxInactiveSeconds;
        final String principal;
        final Map<String, byte[]> attributes = new LinkedHashMap<>();

        Partial(String id, long creationTime, long lastAccessedTime, int maxInactiveSeconds, String principal) {
            this.id = id;
            this.creationTime = creationTime;
            this.lastAccessedTime = lastAccessedTime;
            this.maxInactiveSeconds = maxInactiveSeconds;
            this.principal = principal;
        }

        boolean isReadable() {
            return SessionIds.isWellFormed(id) && creationTime > 0 && lastAccessedTime > 0;
        }

        SessionData toSession() {
            return new SessionData(id, creationTime, lastAccessedTime, maxInactiveSeconds, principal, attributes);
        }
    }
}
