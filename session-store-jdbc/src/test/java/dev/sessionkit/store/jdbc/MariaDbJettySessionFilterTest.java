package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The filter's HTTP contract, on embedded Jetty, with sessions in a real MariaDB (InnoDB). */
class MariaDbJettySessionFilterTest extends SessionFilterContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.mariadb();

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }

    @Override
    protected SessionStore newStore() {
        return JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(TestDatabase.freshPrefix())
                .createSchema(true).build();
    }
}
