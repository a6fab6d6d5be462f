package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionLocks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Per-session locks as rows of {@code <prefix>session_locks}: a lock is a row naming its holder and the time
 * it lapses. Taking a free lock is one INSERT; taking a lapsed one (its holder crashed) an UPDATE guarded by
 * the lapse time; releasing one a DELETE guarded by the holder. Every statement commits on its own, so no
 * connection is held while a request runs or while another waits: a waiter polls
 * ({@link SessionLocks#poll}). Times are the application server's clock, as for the sessions' expiry.
 * Thread-safe.
 */
final class JdbcLocks implements SessionLocks {

    private final Supplier<Running> running;

    JdbcLocks(Supplier<Running> running) {
        this.running = running;
    }

    @Override
    public boolean acquire(String lineage, String owner, Duration expiry, Duration wait) {
        return SessionLocks.poll(wait, () -> {
            Running r = running.get();
            long now = System.currentTimeMillis();
            return r.database.autoCommit("locking a session", c -> take(r, c, lineage, owner, now, now + expiry.toMillis()));
        });
    }

    private static boolean take(Running r, Connection connection, String lineage, String owner, long now, long until)
            throws SQLException {
        try (PreparedStatement insert = r.database.prepare(connection, r.sql.insertLock)) {
            insert.setString(1, lineage);
            insert.setString(2, owner);
            insert.setLong(3, until);
            if (insert.executeUpdate() == 1) {
                return true;
            }
        } catch (SQLException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
        try (PreparedStatement takeOver = r.database.prepare(connection, r.sql.takeOverLock)) {
            takeOver.setString(1, owner);
            takeOver.setLong(2, until);
            takeOver.setString(3, lineage);
            takeOver.setLong(4, now);
            return takeOver.executeUpdate() == 1;
        }
    }

    @Override
    public void release(String lineage, String owner) {
        Running r = running.get();
        r.database.autoCommit("releasing a session lock", connection -> {
            try (PreparedStatement delete = r.database.prepare(connection, r.sql.releaseLock)) {
                delete.setString(1, lineage);
                delete.setString(2, owner);
                return delete.executeUpdate();
            }
        });
    }
}
