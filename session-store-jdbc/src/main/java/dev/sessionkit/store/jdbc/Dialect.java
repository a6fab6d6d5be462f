package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** What differs between the databases the store supports: upserts, the cleanup lock, the DDL file. */
enum Dialect {

    POSTGRESQL("postgresql") {
        @Override
        String estimatedRows() {
            // The planner's statistics: -1 until the table was first vacuumed or analyzed.
            return "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)";
        }

        @Override
        String upsertAttribute(String sessions, String attributes) {
            return "INSERT INTO " + attributes + " (session_pk, name, attribute_bytes) SELECT pk, ?, ? FROM " + sessions
                    + " WHERE id = ? ON CONFLICT (session_pk, name) DO UPDATE SET attribute_bytes = EXCLUDED.attribute_bytes";
        }

        @Override
        String tryLock() {
            return "SELECT pg_try_advisory_lock(?)";
        }

        @Override
        String insertLock(String locks) {
            return super.insertLock(locks) + " ON CONFLICT (lineage) DO NOTHING";
        }

        @Override
        String unlock() {
            return "SELECT pg_advisory_unlock(?)";
        }
    },

    MYSQL("mysql") {
        @Override
        String estimatedRows() {
            return "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
        }

        @Override
        String upsertAttribute(String sessions, String attributes) {
            return "INSERT INTO " + attributes + " (session_pk, name, attribute_bytes) VALUES (LAST_INSERT_ID(), ?, ?)"
                    + " ON DUPLICATE KEY UPDATE attribute_bytes = VALUES(attribute_bytes)";
        }

        /**
         * A subquery on the sessions table inside an InnoDB DML statement takes a shared lock on the ID index
         * while another writer holds it exclusively and waits for the row this transaction already locked: a
         * deadlock. So the session's UPDATE (or INSERT) leaves its key in the connection's LAST_INSERT_ID, and
         * the attribute statements read it from there.
         */
        @Override
        String sessionKey(String sessions) {
            return "LAST_INSERT_ID()";
        }

        @Override
        boolean keyTakesId() {
            return false;
        }

        @Override
        String rememberKey() {
            return ", pk = LAST_INSERT_ID(pk)";
        }

        @Override
        String insertLock(String locks) {
            return super.insertLock(locks).replace("INSERT INTO", "INSERT IGNORE INTO");
        }

        @Override
        String tryLock() {
            // Timeout 0: a node that finds another cleaning simply skips this round.
            return "SELECT GET_LOCK(?, 0)";
        }

        @Override
        String unlock() {
            return "SELECT RELEASE_LOCK(?)";
        }
    },

    H2("h2") {
        @Override
        String upsertAttribute(String sessions, String attributes) {
            // H2 cannot type a bare parameter in a select list, hence the casts.
            return "MERGE INTO " + attributes + " (session_pk, name, attribute_bytes) KEY (session_pk, name)"
                    + " SELECT pk, CAST(? AS VARCHAR(255)), CAST(? AS VARBINARY(1000000000)) FROM " + sessions
                    + " WHERE id = ?";
        }

        @Override
        String tryLock() {
            return null; // embedded: one process owns the database file
        }

        @Override
        String unlock() {
            return null;
        }
    };

    private final String schemaName;

    Dialect(String schemaName) {
        this.schemaName = schemaName;
    }

    /**
     * Parameters: name, bytes, then the session ID when {@link #sessionKey} takes it. Inserts the attribute
     * or replaces its bytes, never a duplicate key.
     */
    abstract String upsertAttribute(String sessions, String attributes);

    /** The surrogate key of the session a save's UPDATE or INSERT just wrote, as SQL; default: by ID, one parameter. */
    String sessionKey(String sessions) {
        return "(SELECT pk FROM " + sessions + " WHERE id = ?)";
    }

    /** @return true when {@link #sessionKey} takes the session ID as a parameter */
    boolean keyTakesId() {
        return true;
    }

    /** Appended to the SET clause of a save's UPDATE, so {@link #sessionKey} can find the row. */
    String rememberKey() {
        return "";
    }

    /**
     * Parameters: lineage, holder, lock_until. Inserts a session's lock row; when one is there, inserts
     * nothing (0 rows) or, in H2, fails with a unique violation, which the caller counts as 0 rows.
     */
    String insertLock(String locks) {
        return "INSERT INTO " + locks + " (lineage, holder, lock_until) VALUES (?, ?, ?)";
    }

    /** A query returning one boolean-like column: true when this node holds the cleanup lock; null when none is needed. */
    abstract String tryLock();

    /**
     * Parameter: the table's name. One row, the database's estimate of the table's rows, read from its
     * statistics rather than by counting; null where counting every row is itself cheap (H2 keeps the count).
     */
    String estimatedRows() {
        return null;
    }

    abstract String unlock();

    /** @return the classpath resource holding this dialect's DDL */
    String schemaResource() {
        return "schema-" + schemaName + ".sql";
    }

    static Dialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new SessionException("The JDBC session store supports PostgreSQL, MySQL, MariaDB and H2; the"
                + " DataSource connects to '" + product + "'");
    }
}
