package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;

/** The store contract and the JDBC store's own promises on PostgreSQL, in a database of this class's own. */
class PostgresSessionStoreTest extends JdbcSessionStoreContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }

    @Override
    protected void refreshStatistics(String table) throws SQLException {
        DATABASE.execute("ANALYZE " + table);
    }
}
