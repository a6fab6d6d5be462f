package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbRevocationListTest extends JdbcRevocationListContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
