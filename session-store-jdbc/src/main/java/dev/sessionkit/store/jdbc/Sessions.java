package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The request path: load, save and delete one session, and the caps a save applies. */
final class Sessions {

    private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());
    private static final int MAX_NAME = 255;

    private final Supplier<Running> running;
    private final long maxSessions;
    private final int maxSessionsPerUser;

    Sessions(Supplier<Running> running, long maxSessions, int maxSessionsPerUser) {
        this.running = running;
        this.maxSessions = maxSessions;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    LoadResult load(String id, long now, long touchAfterMillis) {
        Running db = running.get();
        return db.database.autoCommit("loading a session", connection -> {
            Rows.Stored stored = select(db, connection, id);
            if (stored == null) {
                return LoadResult.ABSENT;
            }
            SessionData session = stored.session();
            long last = session.lastAccessedTime();
            if (session.isIdleExpired(now)) {
                try (PreparedStatement delete = db.database.prepare(connection, db.sql.deleteExpiredOnLoad)) {
                    delete.setLong(1, stored.pk());
                    delete.setLong(2, last);
                    // Whoever deletes it reports it: two requests racing here report it once.
                    return delete.executeUpdate() == 1 ? LoadResult.expired(session) : LoadResult.ABSENT;
                }
            }
            if (now > last && now - last >= touchAfterMillis) {
                try (PreparedStatement touch = db.database.prepare(connection, db.sql.touch)) {
                    touch.setLong(1, db.expiryOf(session.creationTime(), now, session.maxInactiveSeconds()));
                    touch.setLong(2, now);
                    touch.setLong(3, stored.pk());
                    touch.setLong(4, now);
                    touch.executeUpdate();
                }
            }
            return LoadResult.found(session);
        });
    }

    /** Reads a session as stored, without recording an access. */
    Rows.Stored select(String id) {
        Running db = running.get();
        return db.database.autoCommit("reading a session", connection -> select(db, connection, id));
    }

    private static Rows.Stored select(Running db, Connection connection, String id) throws SQLException {
        try (PreparedStatement select = db.database.prepare(connection, db.sql.select)) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return Rows.readOne(rows);
            }
        }
    }

    /** @return true when written; false when the session is gone, or a new session's ID is taken */
    boolean save(SessionData session, SessionChanges changes) {
        check(session, changes);
        Running db = running.get();
        boolean keyTakesId = db.dialect.keyTakesId();
        boolean written = db.database.transaction("saving a session", connection -> {
            if (changes.isNew() ? !insert(db, connection, session) : !update(db, connection, session, changes)) {
                connection.rollback();
                return false;
            }
            if (!changes.set().isEmpty()) {
                try (PreparedStatement upsert = db.database.prepare(connection, db.sql.upsertAttribute)) {
                    for (String name : changes.set()) {
                        upsert.setString(1, name);
                        upsert.setBytes(2, session.attributes().get(name));
                        if (keyTakesId) {
                            upsert.setString(3, session.id());
                        }
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            if (!changes.isNew() && !changes.removed().isEmpty()) {
                try (PreparedStatement delete = db.database.prepare(connection, db.sql.deleteAttribute)) {
                    for (String name : changes.removed()) {
                        delete.setString(1, name);
                        if (keyTakesId) {
                            delete.setString(2, session.id());
                        }
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            return true;
        });
        if (!written) {
            return false;
        }
        if (maxSessionsPerUser > 0 && session.principal() != null && (changes.isNew() || changes.metadataChanged())) {
            capUser(db, session);
        }
        if (maxSessions > 0 && changes.isNew()) {
            capTenant(db, session.id());
        }
        return true;
    }

    private static boolean insert(Running db, Connection connection, SessionData session) throws SQLException {
        try (PreparedStatement insert = db.database.prepare(connection, db.sql.insertSession)) {
            insert.setString(1, session.id());
            insert.setLong(2, session.creationTime());
            insert.setLong(3, session.lastAccessedTime());
            insert.setInt(4, session.maxInactiveSeconds());
            insert.setLong(5, db.expiryOf(session.creationTime(), session.lastAccessedTime(), session.maxInactiveSeconds()));
            insert.setString(6, session.principal());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "A new session's ID is already stored; it was left as it was and the"
                    + " new session dropped. IDs are random, so this means the same new session was saved twice.");
            return false;
        }
    }

    /** The guarded UPDATE: locks the session row, or finds it gone (deleted, rotated away, expired). */
    private static boolean update(Running db, Connection connection, SessionData session, SessionChanges changes)
            throws SQLException {
        boolean meta = changes.metadataChanged();
        long cap = db.cap(session.creationTime());
        long time = session.lastAccessedTime();
        try (PreparedStatement update = db.database.prepare(connection, db.sql.updateSession)) {
            nullableLong(update, 1, meta ? (long) session.maxInactiveSeconds() : null);
            update.setLong(2, time);
            nullableLong(update, 3, meta ? (long) session.maxInactiveSeconds() : null);
            update.setLong(4, cap);
            update.setLong(5, cap);
            update.setLong(6, time);
            nullableLong(update, 7, meta ? (long) session.maxInactiveSeconds() : null);
            update.setInt(8, meta ? 1 : 0);
            update.setString(9, session.principal());
            update.setString(10, session.id());
            update.setLong(11, time);
            return update.executeUpdate() == 1;
        }
    }

    boolean delete(String id) {
        Running db = running.get();
        return db.database.autoCommit("deleting a session", connection -> {
            try (PreparedStatement delete = db.database.prepare(connection, db.sql.delete)) {
                delete.setString(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** One UPDATE of the ID column: the attributes stay where they are, under the session's surrogate key. */
    boolean rotate(String oldId, String newId, long now) {
        Running db = running.get();
        return db.database.autoCommit("rotating a session ID", connection -> {
            try (PreparedStatement rotate = db.database.prepare(connection, db.sql.rotate)) {
                rotate.setString(1, newId);
                rotate.setString(2, oldId);
                rotate.setLong(3, now);
                return rotate.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    throw new IllegalArgumentException("The new session ID is already in use: create new IDs with"
                            + " SessionIds.rotated(oldId)", e);
                }
                throw e;
            }
        });
    }

    /** Deletes a principal's least recently used sessions beyond the per-user cap, never the one just saved. */
    private void capUser(Running db, SessionData session) {
        db.database.autoCommit("applying the per-user session limit", connection -> {
            List<Object[]> sessions = new ArrayList<>();
            try (PreparedStatement select = db.database.prepare(connection, db.sql.idsOfPrincipal)) {
                select.setString(1, session.principal());
                select.setLong(2, session.lastAccessedTime());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sessions.add(new Object[] {rows.getLong(1), rows.getString(2)});
                    }
                }
            }
            int keep = maxSessionsPerUser - 1; // besides the session just saved
            List<Object[]> excess = new ArrayList<>();
            for (Object[] each : sessions) {
                if (!session.id().equals(each[1]) && keep-- <= 0) {
                    excess.add(each);
                }
            }
            deleteEach(db, connection, excess);
            return null;
        });
    }

    /** Evicts least recently used sessions, anonymous ones first, while the table is over the cap. */
    private void capTenant(Running db, String newId) {
        db.database.autoCommit("applying the session cap", connection -> {
            long count;
            try (PreparedStatement countAll = db.database.prepare(connection, db.sql.countAll)) {
                try (ResultSet rows = countAll.executeQuery()) {
                    rows.next();
                    count = rows.getLong(1);
                }
            }
            if (count <= maxSessions) {
                return null;
            }
            List<Object[]> victims = new ArrayList<>();
            try (PreparedStatement select = db.database.prepare(connection, db.sql.evictionCandidates)) {
                select.setString(1, newId);
                select.setInt(2, (int) Math.min(count - maxSessions, 1000));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        victims.add(new Object[] {rows.getLong(1), rows.getString(2)});
                    }
                }
            }
            deleteEach(db, connection, victims);
            return null;
        });
    }

    private static void deleteEach(Running db, Connection connection, List<Object[]> sessions) throws SQLException {
        if (sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = db.database.prepare(connection, db.sql.deleteByPk)) {
            for (Object[] each : sessions) {
                delete.setLong(1, (Long) each[0]);
                delete.setString(2, (String) each[1]);
                delete.executeUpdate();
            }
        }
    }

    private static void check(SessionData session, SessionChanges changes) {
        if (session.principal() != null && session.principal().length() > MAX_NAME) {
            throw new IllegalArgumentException("A principal is at most " + MAX_NAME + " characters in the JDBC store");
        }
        for (String name : changes.set()) {
            if (session.attributes().get(name) == null) {
                throw new IllegalArgumentException("changes.set() names attribute '" + name + "', which the session does not hold");
            }
            if (name.length() > MAX_NAME) {
                throw new IllegalArgumentException("An attribute name is at most " + MAX_NAME + " characters in the JDBC store");
            }
        }
    }

    private static void nullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
