package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract and the JDBC store's own promises on MariaDB, in a database of this class's own. */
class MariaDbSessionStoreTest extends JdbcSessionStoreContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
