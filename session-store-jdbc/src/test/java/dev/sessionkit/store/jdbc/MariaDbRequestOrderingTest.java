package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.RequestOrderingContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-session request ordering with the lock rows in a real MariaDB (INSERT IGNORE). */
class MariaDbRequestOrderingTest extends RequestOrderingContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    protected SessionStore newStore() {
        return JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(TestDatabase.freshPrefix())
                .createSchema(true).build();
    }
}
