package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionLock;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionLocks;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testapp.RequestOrderingContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-session request ordering with the locks as rows of a real PostgreSQL's session_locks table. */
class PostgresRequestOrderingTest extends RequestOrderingContract {

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    private CountingDataSource counted;
    private String prefix;

    @Override
    protected SessionStore newStore() {
        prefix = TestDatabase.freshPrefix();
        counted = new CountingDataSource(DATABASE.dataSource());
        return JdbcSessionStore.builder().dataSource(counted).tablePrefix(prefix).createSchema(true).build();
    }

    @Test
    void aLockedRequestCostsOneInsertAndOneDeleteMore() throws Exception {
        start(new SessionLock(Duration.ofSeconds(5), Duration.ofSeconds(30), 503));
        String cookie = newSession();
        counted.reset();

        assertEquals("1", send("/o/count", cookie).body());

        assertEquals(List.of("INSERT", "SELECT", "DELETE"), counted.statements(),
                "the lock row, the session's one SELECT, the lock row's release");
        assertEquals(0, lockRows(), "released");
    }

    @Test
    void aLapsedLockIsTakenOverAndOnlyItsHolderDeletesIt() throws Exception {
        try (JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource())
                .tablePrefix(prefix = TestDatabase.freshPrefix()).createSchema(true).build()) {
            SessionLocks locks = store.locks().orElseThrow();
            store.start(StoreContext.NONE);
            assertTrue(locks.acquire("lineage1", "crashed", Duration.ofMillis(300), Duration.ZERO));
            assertFalse(locks.acquire("lineage1", "early", Duration.ofSeconds(30), Duration.ZERO));

            assertTrue(locks.acquire("lineage1", "next", Duration.ofSeconds(30), Duration.ofSeconds(10)));

            locks.release("lineage1", "crashed");
            assertEquals(1, lockRows(), "the lapsed holder's release leaves the new holder's row");
            locks.release("lineage1", "next");
            assertEquals(0, lockRows());
        }
    }

    @Test
    void theCleanupDeletesLapsedLockRows() throws Exception {
        try (JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource())
                .tablePrefix(prefix = TestDatabase.freshPrefix()).createSchema(true)
                .cleanupInterval(Duration.ofMillis(200)).build()) {
            store.start(StoreContext.NONE);
            SessionLocks locks = store.locks().orElseThrow();
            assertTrue(locks.acquire(SessionIds.lineage(SessionIds.newId()), "crashed", Duration.ofMillis(1), Duration.ZERO));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (lockRows() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, lockRows());
        }
    }

    @Test
    void lockTrueWithoutTheLockTableFailsShowingItsDdl() throws Exception {
        String bare = TestDatabase.freshPrefix();
        try (JdbcSessionStore creator = JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(bare)
                .createSchema(true).build()) {
            creator.start(StoreContext.NONE);
        }
        try (Connection connection = DATABASE.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + bare + "session_locks");
        }
        try (JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(bare).build()) {
            store.start(StoreContext.NONE); // a store without lock=true needs no lock table
            SessionException missing = assertThrows(SessionException.class, store::locks);
            assertTrue(missing.getMessage().contains("lock=true needs the table " + bare + "session_locks")
                    && missing.getMessage().contains("CREATE TABLE IF NOT EXISTS " + bare + "session_locks"), missing.getMessage());
        }
        try (JdbcSessionStore store = JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(bare).build()) {
            store.locks();
            SessionException atStart = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(atStart.getMessage().contains("lock=true needs the table"), atStart.getMessage());
        }
    }

    private int lockRows() throws Exception {
        try (Connection connection = DATABASE.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + "session_locks")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
