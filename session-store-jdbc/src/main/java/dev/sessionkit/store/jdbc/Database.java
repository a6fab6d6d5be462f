package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreHealth;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the store's work on a pooled connection: each statement with the query timeout, transactions
 * committed or rolled back, deadlocks and serialization failures retried a bounded number of times, and
 * every database failure turned into {@link SessionStoreUnavailableException}.
 */
final class Database {

    /** Attempts of one transaction that the database aborts as a deadlock victim or serialization failure. */
    static final int ATTEMPTS = 3;

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;
    private final String description;
    private final AtomicLong retries = new AtomicLong();

    Database(DataSource dataSource, int queryTimeoutSeconds, String description) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.description = description;
    }

    /** Runs statements that each commit on their own. */
    <T> T autoCommit(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * Runs work in one transaction and commits it. Work that decides to write nothing rolls back itself
     * and returns; a deadlock or serialization failure reruns the whole work, at most {@link #ATTEMPTS}
     * times.
     */
    <T> T transaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return inTransaction(connection, work);
            } catch (SQLException e) {
                if (!isRetryable(e) || attempt == ATTEMPTS) {
                    throw unavailable(what, e);
                }
                retries.incrementAndGet();
            }
        }
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is broken; the pool will drop it.
            }
        }
    }

    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(queryTimeoutSeconds);
        return statement;
    }

    /**
     * Borrows a connection and asks the driver whether it is valid (a round trip to the server, bounded by
     * the query timeout), timing both.
     */
    StoreHealth health() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(queryTimeoutSeconds);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!valid) {
                return StoreHealth.down(took, "The session database (" + description + ") did not answer a validity"
                        + " check within " + queryTimeoutSeconds + " s");
            }
            DatabaseMetaData metaData = connection.getMetaData();
            return new StoreHealth(true, took, List.of(), Map.of("product", metaData.getDatabaseProductName(),
                    "version", metaData.getDatabaseProductVersion()));
        } catch (SQLException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - started), "The session database ("
                    + description + ") cannot be reached: " + e.getMessage());
        }
    }

    /** Transactions rerun after a deadlock or serialization failure, since the store started. */
    long retries() {
        return retries.get();
    }

    SessionStoreUnavailableException unavailable(String what, SQLException e) {
        return new SessionStoreUnavailableException("The session database (" + description + ") failed while "
                + what + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

    /** 40001: serialization failure (and MySQL's deadlock); 40P01: PostgreSQL's deadlock. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Class 23: integrity constraint violation; for the store's statements, a duplicate session ID. */
    static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }
}
