package dev.sessionkit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database down, slow, or out of connections, against real PostgreSQL servers: requests end within
 * the timeout as unavailable (the filter's 503), and the same store works again once the fault is gone.
 */
class PostgresFaultTest {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void aDatabaseThatGoesDownIsUnavailableAndTheStoreRecoversWithoutARestart() throws Exception {
        try (ThrowawayPostgres server = ThrowawayPostgres.create()) {
            JdbcSessionStore store = JdbcSessionStore.builder().url(server.url(), "postgres", null)
                    .timeout(Duration.ofSeconds(1)).createSchema(true).build();
            store.start(StoreContext.NONE);
            try {
                SessionData session = newSession();
                store.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false));

                server.stop();
                long start = System.nanoTime();
                SessionStoreUnavailableException down = assertThrows(SessionStoreUnavailableException.class,
                        () -> store.load(session.id(), System.currentTimeMillis(), 0));
                assertTrue(down.getMessage().contains("jdbc.url jdbc:postgresql://127.0.0.1:"), down.getMessage());
                assertThrows(SessionStoreUnavailableException.class,
                        () -> store.save(newSession(), new SessionChanges(true, Set.of("a"), Set.of(), false)));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "failed fast, not after a pile-up");

                server.start();

                // The pool reconnects on its own; on a busy machine the first attempts may still time out.
                SessionData back = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (back == null && System.nanoTime() < deadline) {
                    try {
                        back = store.load(session.id(), System.currentTimeMillis(), 0).live();
                    } catch (SessionStoreUnavailableException stillDown) {
                        Thread.sleep(200);
                    }
                }
                assertNotNull(back, "the store recovered without a restart, and the session survived the outage");
                SessionData after = newSession();
                assertEquals(after.id(), store.save(after, new SessionChanges(true, Set.of("a"), Set.of(), false)));
            } finally {
                store.close();
            }
        }
    }

    @Test
    void anUnreachableDatabaseFailsStartNamingTheUrl() {
        JdbcSessionStore store = JdbcSessionStore.builder().url("jdbc:postgresql://127.0.0.1:1/none", "postgres", null)
                .timeout(Duration.ofSeconds(1)).build();

        SessionException e = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));

        assertTrue(e.getMessage().contains("cannot connect to the database (jdbc.url jdbc:postgresql://127.0.0.1:1/none)"), e.getMessage());
    }

    @Test
    void aStatementBlockedByAHeldLockEndsAtTheTimeout() throws Exception {
        JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource())
                .tablePrefix(TestDatabase.freshPrefix()).createSchema(true).timeout(Duration.ofSeconds(1)).build();
        store.start(StoreContext.NONE);
        try (Connection blocker = DATABASE.dataSource().getConnection()) {
            SessionData session = newSession();
            store.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false));
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE " + store.tablePrefix() + "sessions IN ACCESS EXCLUSIVE MODE");
            }

            long start = System.nanoTime();
            SessionStoreUnavailableException slow = assertThrows(SessionStoreUnavailableException.class,
                    () -> store.load(session.id(), System.currentTimeMillis(), 0));
            long took = System.nanoTime() - start;
            assertTrue(took >= Duration.ofMillis(900).toNanos() && took < Duration.ofMillis(2_500).toNanos(),
                    "ended at the 1 s timeout, took " + took / 1_000_000 + " ms");
            assertEquals("57014", ((java.sql.SQLException) slow.getCause()).getSQLState(), "the query was cancelled");

            blocker.rollback();
            assertNotNull(store.load(session.id(), System.currentTimeMillis(), 0).live());
        } finally {
            store.close();
        }
    }

    @Test
    void anExhaustedPoolIsABoundedWaitThenUnavailable() throws Exception {
        try (HikariDataSource pool = DATABASE.pool(1, 500)) {
            JdbcSessionStore store = JdbcSessionStore.builder().dataSource(pool)
                    .tablePrefix(TestDatabase.freshPrefix()).createSchema(true).build();
            store.start(StoreContext.NONE);
            try {
                SessionData session = newSession();
                store.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false));
                try (Connection taken = pool.getConnection()) {
                    long start = System.nanoTime();
                    SessionStoreUnavailableException busy = assertThrows(SessionStoreUnavailableException.class,
                            () -> store.load(session.id(), System.currentTimeMillis(), 0));
                    // The pool waits 500 ms; the default would be 30 s. The slack is for a busy 2-core machine.
                    assertTrue(System.nanoTime() - start < Duration.ofMillis(3_000).toNanos(), "a bounded wait");
                    assertInstanceOf(SQLTransientConnectionException.class, busy.getCause());
                    assertNotNull(taken);
                }
                assertNotNull(store.load(session.id(), System.currentTimeMillis(), 0).live(), "served again once a connection is free");
            } finally {
                store.close();
            }
        }
    }

    private static SessionData newSession() {
        long now = System.currentTimeMillis();
        return new SessionData(SessionIds.newId(), now, now, 1800, null, Map.of("a", "1".getBytes()));
    }
}
