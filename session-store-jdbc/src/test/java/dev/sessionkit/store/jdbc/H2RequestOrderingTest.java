package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.RequestOrderingContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-session request ordering with the lock rows in an embedded H2 (a plain INSERT whose unique violation means taken). */
class H2RequestOrderingTest extends RequestOrderingContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected SessionStore newStore() {
        return JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(TestDatabase.freshPrefix())
                .createSchema(true).build();
    }
}
