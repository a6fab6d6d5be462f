package dev.sessionkit.store.jdbc.tomcat;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.jdbc.JdbcSessionStore;
import dev.sessionkit.store.jdbc.TestDatabase;
import dev.sessionkit.testapp.SessionFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

/** The filter's HTTP contract, on embedded Tomcat, with sessions in a real PostgreSQL. */
@Tag("tomcat")
class PostgresTomcatSessionFilterTest extends SessionFilterContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }

    @Override
    protected SessionStore newStore() {
        return JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(TestDatabase.freshPrefix())
                .createSchema(true).build();
    }
}
