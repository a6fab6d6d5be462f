package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.StoreContext;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared store contract plus what the JDBC store promises beyond it: statements per request, no
 * duplicate keys, no deadlock under 32 writers while cleanup runs, cleanup reporting each session once,
 * the caps, corrupt rows read as absent, and a missing table failing start with the DDL. A subclass runs it
 * on one database of its own.
 */
abstract class JdbcSessionStoreContract extends SessionStoreContract {

    protected CountingDataSource counted;

    /** This class's database. */
    protected abstract TestDatabase database();

    @Override
    protected SessionStore createStore() {
        counted = new CountingDataSource(database().dataSource());
        return builder().build();
    }

    /**
     * A builder on this class's database, with tables of its own. The timeout is generous: 32 writers queue
     * on one session's row lock on a shared 2-core machine; timeouts are proven in the fault tests.
     */
    protected JdbcSessionStore.Builder builder() {
        return JdbcSessionStore.builder().dataSource(counted).tablePrefix(TestDatabase.freshPrefix()).createSchema(true)
                .timeout(Duration.ofSeconds(20));
    }

    private JdbcSessionStore jdbc() {
        return (JdbcSessionStore) store;
    }

    // ---- statements per request ----

    @Test
    void aReadOnlyRequestIsOneSelectAndATouchAddsOneGuardedUpdate() {
        SessionData session = session("alice", Map.of("a", 1, "b", 2));
        saveNew(session);
        long t0 = session.lastAccessedTime();

        counted.reset();
        assertEquals(2, store.load(session.id(), t0 + 1_000, 60_000).live().attributes().size());
        assertEquals(List.of("SELECT"), counted.statements(), "not due for a touch: one SELECT");

        counted.reset();
        store.load(session.id(), t0 + 61_000, 60_000);
        assertEquals(List.of("SELECT", "UPDATE"), counted.statements(), "due: the SELECT and one UPDATE");
    }

    @Test
    void aWriteIsOneTransactionOfAGuardedUpdateAndBatchedUpsertsAndDeletes() {
        SessionData session = session(null, Map.of("a", 1, "b", 2, "c", 3));
        saveNew(session);

        counted.reset();
        SessionData update = with(session, Map.of("b", 20, "d", 4));
        assertEquals(session.id(), store.save(update, new SessionChanges(false, Set.of("b", "d"), Set.of("a", "c"), false)));

        assertEquals(List.of("UPDATE", "BATCH INSERT x2", "BATCH DELETE x2", "COMMIT"), counted.statements());
        assertEquals(Map.of("b", 20, "d", 4), attributes(store.load(session.id(), now(), 0).live()));
    }

    @Test
    void aNewSessionIsOneTransactionAndARotationOneUpdate() {
        SessionData session = session(null, Map.of("a", 1, "b", 2));

        counted.reset();
        saveNew(session);
        List<String> newSession = new java.util.ArrayList<>(counted.statements());
        newSession.remove("SELECT"); // the default session cap counts the table, at most once a second
        assertEquals(List.of("INSERT", "BATCH INSERT x2", "COMMIT"), newSession, "a new session");

        counted.reset();
        assertTrue(store.rotate(session.id(), SessionIds.rotated(session.id()), now()));
        assertEquals(List.of("UPDATE"), counted.statements(), "a rotation");

        counted.reset();
        SessionData touchOnly = session(null, Map.of());
        saveNew(touchOnly);
        counted.reset();
        assertEquals(touchOnly.id(), store.save(touchOnly.accessedAt(now() + 1), SessionChanges.TOUCH));
        assertEquals(List.of("UPDATE", "COMMIT"), counted.statements(), "a save that changes nothing but the access");
    }

    @Test
    void aSessionPastItsIdleTimeoutIsNeitherSavedNorRotatedEvenBeforeCleanupDeletesIt() {
        long longAgo = now() - 120_000;
        SessionData idle = new SessionData(SessionIds.newId(), longAgo, longAgo, 60, null, encode(Map.of("a", 1)));
        saveNew(idle); // stored, idle for a minute already, and no cleanup has run

        SessionData late = new SessionData(idle.id(), longAgo, now(), 60, null, encode(Map.of("a", 1, "b", 2)));
        assertNull(store.save(late, new SessionChanges(false, Set.of("b"), Set.of(), false)), "not revived by a write");
        assertNull(store.save(late, SessionChanges.TOUCH), "nor by a touch");
        assertFalse(store.rotate(idle.id(), SessionIds.rotated(idle.id()), now()), "nor moved to a new ID");

        LoadResult result = store.load(idle.id(), now(), 0);
        assertEquals(LoadResult.Status.EXPIRED, result.status());
        assertEquals(Set.of("a"), result.session().attributes().keySet(), "nothing was written to it");
    }

    // ---- races ----

    @Test
    void requestsAddingTheSameAttributeAtOnceNeverMeetADuplicateKey() throws Exception {
        int writers = 32;
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            SessionData session = session(null, Map.of());
            saveNew(session);
            List<String> saved = concurrently(writers, writer -> {
                SessionData mine = with(session, Map.of("cart", "writer " + writer));
                return store.save(mine, new SessionChanges(false, Set.of("cart"), Set.of(), false));
            });
            assertEquals(writers, saved.stream().filter(session.id()::equals).count(), "every save was written");
            assertEquals(Set.of("cart"), store.load(session.id(), now(), 0).live().attributes().keySet());
        }
    }

    @Test
    void thirtyTwoWritersOnOneSessionWhileCleanupRunsLoseNothingAndNeverDeadlock() throws Exception {
        SessionData session = session(null, Map.of("shared", 0));
        saveNew(session);
        int writers = 32;
        int iterations = 15;
        try (CleanupLoad cleanup = new CleanupLoad()) {
            int before = cleanup.awaitRuns(1);
            concurrently(writers, writer -> {
                for (int i = 0; i < iterations; i++) {
                    String own = "w" + writer + "-" + i;
                    // Each save also rewrites and removes attributes others write: the lock-order test.
                    SessionData mine = with(session, Map.of(own, i, "shared", writer));
                    Set<String> removed = i > 0 ? Set.of("w" + writer + "-gone") : Set.of();
                    assertEquals(session.id(), store.save(mine, new SessionChanges(false, Set.of(own, "shared"), removed, false)));
                }
                return null;
            });
            // The cleanup loops without pause: the run under way when the writers started overlapped them.
            assertTrue(cleanup.awaitRuns(before + 1) > before, "cleanup ran meanwhile");
        }
        Set<String> names = store.load(session.id(), now(), 0).live().attributes().keySet();
        assertEquals(1 + writers * iterations, names.size(), "every writer's every attribute survives");
        assertEquals(0, jdbc().retriedTransactions(), "no transaction was a deadlock victim");
    }

    @Test
    void thirtyTwoWritersOnManySessionsWhileCleanupRunsLoseNothingAndNeverDeadlock() throws Exception {
        List<SessionData> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SessionData session = session(i % 2 == 0 ? "user" + i : null, Map.of("n", i));
            saveNew(session);
            sessions.add(session);
        }
        int writers = 32;
        int iterations = 15;
        try (CleanupLoad cleanup = new CleanupLoad()) {
            int before = cleanup.awaitRuns(1);
            concurrently(writers, writer -> {
                for (int i = 0; i < iterations; i++) {
                    // Writers cross sessions in different orders, and each session sees several writers at once.
                    SessionData target = sessions.get((writer + i) % sessions.size());
                    String own = "w" + writer + "-" + i;
                    SessionData mine = with(target, Map.of(own, i, "n", writer));
                    assertEquals(target.id(), store.save(mine, new SessionChanges(false, Set.of(own, "n"), Set.of(), false)));
                    store.load(sessions.get((writer * 7 + i) % sessions.size()).id(), now(), 0);
                }
                return null;
            });
            // The cleanup loops without pause: the run under way when the writers started overlapped them.
            assertTrue(cleanup.awaitRuns(before + 1) > before, "cleanup ran meanwhile");
        }
        int total = 0;
        for (SessionData session : sessions) {
            total += store.load(session.id(), now(), 0).live().attributes().size() - 1;
        }
        assertEquals(writers * iterations, total, "every attribute written to any session survives");
        assertEquals(0, jdbc().retriedTransactions(), "no transaction was a deadlock victim");
    }

    // ---- cleanup ----

    @Test
    void cleanupDeletesExpiredSessionsInBatchesOnOneNodeAndReportsEachOnce() throws Exception {
        int expiredCount = Cleanup.BATCH + 100;
        Set<String> expiredIds = new HashSet<>();
        long longAgo = now() - 3_600_000;
        for (int i = 0; i < expiredCount; i++) {
            SessionData old = new SessionData(SessionIds.newId(), longAgo, longAgo, 60, i % 3 == 0 ? "alice" : null, Map.of());
            store.save(old, new SessionChanges(true, Set.of(), Set.of(), false));
            expiredIds.add(old.id());
        }
        SessionData live = session("alice", Map.of("a", 1));
        saveNew(live);

        // A second node on the same tables, cleaning at the same moment.
        List<String> otherNode = new CopyOnWriteArrayList<>();
        JdbcSessionStore second = JdbcSessionStore.builder().dataSource(database().dataSource())
                .tablePrefix(prefixOf(jdbc())).build();
        second.start(new StoreContext(Duration.ZERO, otherNode::add));
        try {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> here = pool.submit(() -> jdbc().cleanUp(now()));
                Future<Integer> there = pool.submit(() -> second.cleanUp(now()));
                assertEquals(expiredCount, here.get(30, TimeUnit.SECONDS) + there.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        } finally {
            second.close();
        }

        List<String> reported = new ArrayList<>(expired);
        reported.addAll(otherNode);
        assertEquals(expiredCount, reported.size(), "each deleted session reported once, on one node");
        assertEquals(expiredIds, new HashSet<>(reported));
        assertNotNull(store.load(live.id(), now(), 0).live(), "a live session stays");
        assertEquals(List.of(live.id()), ids(admin.sessionsOf("alice")));
        assertEquals(0, jdbc().cleanUp(now()), "nothing left to delete");
    }

    @Test
    void cleanupDeletesASessionPastTheAbsoluteTimeoutHoweverActive() {
        List<String> removed = new CopyOnWriteArrayList<>();
        JdbcSessionStore capped = builder().build();
        capped.start(new StoreContext(Duration.ofHours(1), removed::add));
        try {
            long now = now();
            SessionData old = new SessionData(SessionIds.newId(), now - 7_200_000, now - 1_000, IDLE_SECONDS, null, Map.of());
            SessionData young = new SessionData(SessionIds.newId(), now - 60_000, now - 1_000, IDLE_SECONDS, null, Map.of());
            for (SessionData each : List.of(old, young)) {
                assertEquals(each.id(), capped.save(each, new SessionChanges(true, Set.of(), Set.of(), false)));
            }

            assertEquals(1, capped.cleanUp(now));

            assertEquals(List.of(old.id()), removed, "created two hours ago: past the one-hour cap though used a second ago");
            assertNotNull(capped.load(young.id(), now, 60_000).live());
        } finally {
            capped.close();
        }
    }

    // ---- caps ----

    @Test
    void aUserBeyondTheCapLosesTheLeastRecentlyUsedSession() {
        JdbcSessionStore capped = builder().maxSessionsPerUser(2).build();
        capped.start(StoreContext.NONE);
        try {
            long t = now();
            List<SessionData> logins = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SessionData login = new SessionData(SessionIds.newId(), t + i, t + i * 1_000, IDLE_SECONDS, "alice", Map.of());
                assertEquals(login.id(), capped.save(login, new SessionChanges(true, Set.of(), Set.of(), false)));
                logins.add(login);
            }
            assertEquals(List.of(logins.get(2).id(), logins.get(1).id()), ids(capped.sessionsOf("alice")));
            assertNull(capped.load(logins.get(0).id(), t + 3_000, 0).live(), "the oldest login was logged out");
        } finally {
            capped.close();
        }
    }

    @Test
    void aNewSessionBeyondTheTenantCapEvictsTheLeastRecentlyUsedAnonymousSessionFirst() {
        JdbcSessionStore capped = builder().maxSessions(3).build();
        capped.start(StoreContext.NONE);
        try {
            long t = now();
            SessionData oldestUser = new SessionData(SessionIds.newId(), t, t, IDLE_SECONDS, "alice", Map.of());
            SessionData anonymous = new SessionData(SessionIds.newId(), t, t + 1_000, IDLE_SECONDS, null, Map.of());
            SessionData user = new SessionData(SessionIds.newId(), t, t + 2_000, IDLE_SECONDS, "bob", Map.of());
            SessionData newest = new SessionData(SessionIds.newId(), t, t + 3_000, IDLE_SECONDS, null, Map.of());
            for (SessionData each : List.of(oldestUser, anonymous, user, newest)) {
                assertEquals(each.id(), capped.save(each, new SessionChanges(true, Set.of(), Set.of(), false)));
            }
            assertEquals(3, capped.count());
            assertNull(capped.load(anonymous.id(), t + 4_000, 0).live(), "the anonymous session went first");
            assertNotNull(capped.load(oldestUser.id(), t + 4_000, 0).live(), "logged-in sessions are kept while anonymous ones remain");
        } finally {
            capped.close();
        }
    }

    // ---- the active-sessions gauge ----

    @Test
    void approximateCountIsTheDatabasesRowEstimateWithRowsNotYetCleanedUp() throws Exception {
        saveNew(session(null, Map.of("a", 1)));
        saveNew(session(null, Map.of("a", 2)));
        SessionData ended = session(null, Map.of("a", 3));
        saveNew(ended);
        database().execute("UPDATE " + prefixOf(jdbc()) + "sessions SET expiry_time = 1 WHERE id = '" + ended.id() + "'");
        refreshStatistics(prefixOf(jdbc()) + "sessions");

        assertEquals(2, admin.count(), "the exact count leaves the ended session out");
        assertEquals(3, admin.approximateCount(), "the estimate counts rows, ended ones not yet cleaned up too");
    }

    /** Has the database refresh a table's statistics, where its row estimate comes from; H2 needs nothing. */
    protected void refreshStatistics(String table) throws SQLException {
    }

    // ---- bad data and bad setup ----

    @Test
    void aCorruptRowLoadsAsAbsent() throws Exception {
        SessionData session = session("alice", Map.of("a", 1));
        saveNew(session);
        database().execute("UPDATE " + prefixOf(jdbc()) + "sessions SET creation_time = -5 WHERE id = '" + session.id() + "'");

        assertNull(store.load(session.id(), now(), 0).live());
        assertEquals(List.of(), admin.sessionsOf("alice"));
    }

    @Test
    void startWithoutTheTablesFailsShowingTheDdl() {
        String prefix = TestDatabase.freshPrefix();
        JdbcSessionStore bare = JdbcSessionStore.builder().dataSource(database().dataSource()).tablePrefix(prefix).build();

        SessionException e = assertThrows(SessionException.class, () -> bare.start(StoreContext.NONE));

        assertTrue(e.getMessage().contains("The session table " + prefix + "sessions is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("CREATE TABLE IF NOT EXISTS " + prefix + "session_attributes"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc.create-schema=true"), e.getMessage());
    }

    // ---- helpers ----

    static String prefixOf(JdbcSessionStore store) {
        return store.tablePrefix();
    }

    /** Runs {@code work} on {@code threads} threads released at once; returns their results. */
    protected static <T> List<T> concurrently(int threads, Worker<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    return work.run(thread);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Worker<T> {
        T run(int thread) throws Exception;
    }

    /** Expired sessions created and cleaned up in a loop on a thread of its own, until closed. */
    private final class CleanupLoad implements AutoCloseable {
        private final Thread thread;
        private final Set<Integer> runs = ConcurrentHashMap.newKeySet();
        private volatile boolean stop;
        private volatile Throwable failure;

        CleanupLoad() {
            thread = new Thread(() -> {
                try {
                    for (int run = 0; !stop; run++) {
                        long longAgo = now() - 3_600_000;
                        for (int i = 0; i < 20; i++) {
                            SessionData old = new SessionData(SessionIds.newId(), longAgo, longAgo, 60, null, Map.of("x", CODEC.encode("x", i)));
                            store.save(old, new SessionChanges(true, Set.of("x"), Set.of(), false));
                        }
                        jdbc().cleanUp(now());
                        runs.add(run);
                    }
                } catch (Throwable e) {
                    failure = e;
                }
            }, "cleanup-load");
            thread.start();
        }

        /** Waits up to 30 s until the cleanup has completed {@code count} runs; returns how many it has. */
        int awaitRuns(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runs.size() < count && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return runs.size();
        }

        @Override
        public void close() {
            stop = true;
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the cleanup load", e);
            }
            if (failure != null) {
                throw new AssertionError("cleanup failed", failure);
            }
        }
    }
}
