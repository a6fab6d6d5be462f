package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2RevocationListTest extends JdbcRevocationListContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
