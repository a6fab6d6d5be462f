package dev.sessionkit.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract and the JDBC store's own promises on H2 in file mode, in a database of this class's own. */
class H2SessionStoreTest extends JdbcSessionStoreContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.h2();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
