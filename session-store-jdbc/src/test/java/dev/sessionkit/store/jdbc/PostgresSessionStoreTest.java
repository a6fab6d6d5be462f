package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract and the JDBC store's own promises on PostgreSQL, in a database of this class's own. */
class PostgresSessionStoreTest extends JdbcSessionStoreContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
