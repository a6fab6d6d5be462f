package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRevocationListTest extends JdbcRevocationListContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
