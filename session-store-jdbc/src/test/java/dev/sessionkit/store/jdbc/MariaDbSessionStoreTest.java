package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;

/** The store contract and the JDBC store's own promises on MariaDB, in a database of this class's own. */
class MariaDbSessionStoreTest extends JdbcSessionStoreContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }

    @Override
    protected void refreshStatistics(String table) throws SQLException {
        DATABASE.execute("ANALYZE TABLE " + table);
    }
}
