package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JdbcSessionStore#health()} on real PostgreSQL servers: up, down, and before start. */
class JdbcHealthTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void aReachableDatabaseIsHealthyAndNamesItsProductAndVersion() throws Exception {
        JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource())
                .tablePrefix(TestDatabase.freshPrefix()).createSchema(true).build();
        store.start(StoreContext.NONE);
        try {
            StoreHealth health = store.health();

            assertTrue(health.healthy(), health.toString());
            assertEquals("PostgreSQL", health.details().get("product"));
            assertTrue(health.details().get("version").startsWith(serverVersion()), health.details().toString());
            assertTrue(health.latency().compareTo(Duration.ZERO) > 0, "the check was timed");
        } finally {
            store.close();
        }
    }

    @Test
    void aDatabaseThatWentDownIsUnreachableWithinTheTimeoutNamingTheUrl() throws Exception {
        try (ThrowawayPostgres server = ThrowawayPostgres.create()) {
            JdbcSessionStore store = JdbcSessionStore.builder().url(server.url(), "postgres", null)
                    .timeout(Duration.ofSeconds(1)).createSchema(true).build();
            store.start(StoreContext.NONE);
            try {
                assertTrue(store.health().reachable());
                server.stop();

                long started = System.nanoTime();
                StoreHealth health = store.health();
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertFalse(health.reachable());
                assertTrue(health.warnings().get(0).contains("jdbc:postgresql://127.0.0.1:"), health.warnings().toString());
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered in " + took);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void aStoreNotStartedIsReportedUnreachable() {
        JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).build();

        assertFalse(store.health().reachable());
    }

    private static String serverVersion() throws Exception {
        try (Connection c = DATABASE.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1).split(" ")[0];
        }
    }
}
