package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionStoreUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deletes expired sessions in bounded batches, on one node at a time, and reports each one it deleted.
 *
 * <p>Each delete is its own short statement on one row, guarded by the expiry time it was chosen for, so
 * cleanup never holds a lock a request waits on for longer than one row delete, never deletes a session
 * that a request revived meanwhile, and reports a session only when it was the one that deleted it.
 */
final class Cleanup {

    private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

    /** Sessions chosen per query. */
    static final int BATCH = 500;
    /** Batches per run at most: a run ends even when sessions expire faster than it deletes them. */
    static final int MAX_BATCHES = 20;

    private final Database db;
    private final Dialect dialect;
    private final Statements sql;
    private final String lockName;
    private final long lockKey;

    Cleanup(Database db, Dialect dialect, Statements sql) {
        this.db = db;
        this.dialect = dialect;
        this.sql = sql;
        this.lockName = "sessionkit." + sql.sessions;
        this.lockKey = lockName.hashCode();
    }

    /**
     * One cleanup run.
     *
     * @return how many sessions this node deleted; 0 when another node holds the cleanup lock
     */
    int run(long now, Consumer<String> listener) {
        List<String> removed = new ArrayList<>();
        try {
            db.autoCommit("cleaning up expired sessions", connection -> {
                if (!lock(connection)) {
                    return null;
                }
                try {
                    for (int batch = 0; batch < MAX_BATCHES; batch++) {
                        if (deleteBatch(connection, now, removed) < BATCH) {
                            break;
                        }
                    }
                } finally {
                    unlock(connection);
                }
                return null;
            });
        } finally {
            // Reported even when a later batch failed: those sessions are gone.
            for (String id : removed) {
                try {
                    listener.accept(id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "A session expiry listener failed", e);
                }
            }
        }
        return removed.size();
    }

    /** Runs {@link #run}, logging instead of throwing: the schedule must survive an outage. */
    void runLogged(long now, Consumer<String> listener) {
        try {
            int removed = run(now, listener);
            if (removed > 0) {
                LOG.log(System.Logger.Level.DEBUG, "Deleted " + removed + " expired sessions from " + sql.sessions);
            }
        } catch (SessionStoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Session cleanup skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Session cleanup failed", e);
        }
    }

    /** Deletes the lock rows of holders that never released them and whose lock has lapsed: one DELETE. */
    void dropLapsedLocks(long now) {
        try {
            db.autoCommit("deleting lapsed session locks", connection -> {
                try (PreparedStatement delete = db.prepare(connection, sql.deleteLapsedLocks)) {
                    delete.setLong(1, now);
                    return delete.executeUpdate();
                }
            });
        } catch (SessionStoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Deleting lapsed session locks skipped: " + e.getMessage());
        }
    }

    private int deleteBatch(Connection connection, long now, List<String> removed) throws SQLException {
        List<Object[]> candidates = new ArrayList<>();
        try (PreparedStatement select = db.prepare(connection, sql.expiredCandidates)) {
            select.setLong(1, now);
            select.setInt(2, BATCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Object[] {rows.getLong(1), rows.getString(2)});
                }
            }
        }
        try (PreparedStatement delete = db.prepare(connection, sql.deleteExpired)) {
            for (Object[] candidate : candidates) {
                delete.setLong(1, (Long) candidate[0]);
                delete.setString(2, (String) candidate[1]);
                delete.setLong(3, now);
                if (delete.executeUpdate() == 1) {
                    removed.add((String) candidate[1]);
                }
            }
        }
        return candidates.size();
    }

    private boolean lock(Connection connection) throws SQLException {
        String tryLock = dialect.tryLock();
        if (tryLock == null) {
            return true;
        }
        try (PreparedStatement statement = db.prepare(connection, tryLock)) {
            bindLock(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) throws SQLException {
        String unlock = dialect.unlock();
        if (unlock == null) {
            return;
        }
        try (PreparedStatement statement = db.prepare(connection, unlock)) {
            bindLock(statement);
            statement.executeQuery().close();
        }
    }

    private void bindLock(PreparedStatement statement) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            statement.setLong(1, lockKey);
        } else {
            statement.setString(1, lockName);
        }
    }
}
