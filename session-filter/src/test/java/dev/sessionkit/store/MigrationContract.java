package dev.sessionkit.store;

import dev.sessionkit.codec.AttributeCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a migration window ({@link MigratingSessionStore}) does for one pair of server-side stores: sessions
 * move on first use, once, without losing an update or coming back after a logout; writes go to the new
 * store; deletes, admin counts and listings cover both; the reverse window is the rollback.
 *
 * <p>A subclass opens clients of the two stores; each call must return a new client over the same data, so
 * that two windows stand for two application instances.
 */
public abstract class MigrationContract {

    protected static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());
    private static final int IDLE_SECONDS = 1800;

    private final List<SessionStore> opened = new ArrayList<>();
    /** Direct clients of the stores, to look behind the window's back. */
    protected SessionStore oldStore;
    protected SessionStore newStore;
    protected MigratingSessionStore window;

    /** @return a new, unstarted client of the old store; every call sees the same sessions */
    protected abstract SessionStore openOld();

    /** @return a new, unstarted client of the new store; every call sees the same sessions */
    protected abstract SessionStore openNew();

    @BeforeEach
    void openWindow() {
        oldStore = started(openOld());
        newStore = started(openNew());
        window = openWindow(openNew(), openOld());
    }

    @AfterEach
    void closeAll() {
        RuntimeException failure = null;
        for (SessionStore store : opened) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** @return a started window from {@code from} to {@code to}, closed after the test */
    protected MigratingSessionStore openWindow(SessionStore to, SessionStore from) {
        MigratingSessionStore opening = MigratingSessionStore.between(to, from);
        return started(opening);
    }

    private <S extends SessionStore> S started(S store) {
        store.start(StoreContext.NONE);
        opened.add(store);
        return store;
    }

    @Test
    void aSessionOfTheOldStoreMovesOnFirstLoadAndLeavesTheOldStore() {
        SessionData session = inOld("alice", Map.of("cart", List.of("book")));

        SessionData loaded = window.load(session.id(), now(), 60_000).live();

        assertEquals(session, loaded);
        assertNull(oldStore.load(session.id(), now(), 60_000).live(), "gone from the old store");
        assertEquals(session, newStore.load(session.id(), now(), 60_000).live(), "now in the new store");
        assertEquals(1, window.migrated());
        assertEquals(0, window.leftInOldStore().orElseThrow());
    }

    @Test
    void anUnknownIdLoadsAsAbsentAndMovesNothing() {
        inOld(null, Map.of("x", 1));

        assertEquals(LoadResult.ABSENT, window.load(SessionIds.newId(), now(), 60_000));
        assertEquals(0, window.migrated());
        assertEquals(1, window.leftInOldStore().orElseThrow());
    }

    @Test
    void writesAfterTheMoveGoOnlyToTheNewStore() {
        SessionData session = inOld(null, Map.of("a", 1));
        window.load(session.id(), now(), 60_000);

        SessionData changed = with(session, Map.of("b", 2));
        assertEquals(session.id(), window.save(changed, new SessionChanges(false, Set.of("b"), Set.of(), false)));

        assertEquals(Map.of("a", 1, "b", 2), decoded(newStore.load(session.id(), now(), 60_000).live()));
        assertNull(oldStore.load(session.id(), now(), 60_000).live());
    }

    @Test
    void aSaveOfASessionStillInTheOldStoreWritesNothing() {
        SessionData session = inOld(null, Map.of("a", 1));

        assertNull(window.save(with(session, Map.of("b", 2)), new SessionChanges(false, Set.of("b"), Set.of(), false)));
        assertNull(newStore.load(session.id(), now(), 60_000).live(), "no partial session in the new store");
    }

    @Test
    void deleteRemovesTheSessionFromBothStores() {
        SessionData moved = inOld(null, Map.of("a", 1));
        window.load(moved.id(), now(), 60_000);
        SessionData notYetMoved = inOld(null, Map.of("a", 2));

        assertTrue(window.delete(moved.id(), now()));
        assertTrue(window.delete(notYetMoved.id(), now()));

        for (SessionData session : List.of(moved, notYetMoved)) {
            assertNull(newStore.load(session.id(), now(), 60_000).live());
            assertNull(oldStore.load(session.id(), now(), 60_000).live());
            assertEquals(LoadResult.ABSENT, window.load(session.id(), now(), 60_000));
        }
    }

    @Test
    void rotationAfterTheMoveHappensInTheNewStore() {
        SessionData session = inOld("alice", Map.of("a", 1));
        window.load(session.id(), now(), 60_000);
        String rotated = SessionIds.rotated(session.id());

        assertTrue(window.rotate(session.id(), rotated, now()));

        assertEquals(Map.of("a", 1), decoded(newStore.load(rotated, now(), 60_000).live()));
        assertNull(oldStore.load(rotated, now(), 60_000).live());
        assertFalse(window.load(session.id(), now(), 60_000).isFound(), "the old ID is dead in both stores");
    }

    @Test
    void adminCountsListsAndLogsOutEverywhereAcrossBothStores() {
        SessionData moved = inOld("alice", Map.of("a", 1));
        window.load(moved.id(), now(), 60_000);
        SessionData waiting = inOld("alice", Map.of("a", 2));
        SessionData other = inOld("bob", Map.of("a", 3));
        SessionAdmin admin = window.admin().orElseThrow();

        assertEquals(3, admin.count());
        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            SessionPage page = admin.list(cursor, 1);
            page.sessions().forEach(info -> listed.add(info.id()));
            cursor = page.cursor();
        } while (cursor != null);
        assertEquals(Set.of(moved.id(), waiting.id(), other.id()), listed);
        assertEquals(Set.of(moved.id(), waiting.id()),
                Set.copyOf(admin.sessionsOf("alice").stream().map(SessionInfo::id).toList()));
        assertTrue(admin.find(waiting.id()).isPresent(), "find looks in the old store too");

        assertEquals(2, admin.deleteAllOf("alice"));

        assertEquals(1, admin.count());
        assertFalse(window.load(moved.id(), now(), 60_000).isFound());
        assertFalse(window.load(waiting.id(), now(), 60_000).isFound());
    }

    @Test
    void twoInstancesMovingAtOnceMoveEachSessionOnceAndLoseNoUpdate() throws Exception {
        MigratingSessionStore other = openWindow(openNew(), openOld());
        List<SessionData> sessions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sessions.add(inOld(null, Map.of("seed", i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SessionData session : sessions) {
                CountDownLatch start = new CountDownLatch(1);
                done.add(pool.submit(() -> loadAndSet(window, session, "a", start)));
                done.add(pool.submit(() -> loadAndSet(other, session, "b", start)));
                start.countDown();
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(sessions.size(), window.migrated() + other.migrated(), "each session moved exactly once");
        for (SessionData session : sessions) {
            assertEquals(Set.of("seed", "a", "b"), newStore.load(session.id(), now(), 60_000).live().attributes().keySet(),
                    "both instances' updates survive");
            assertNull(oldStore.load(session.id(), now(), 60_000).live());
        }
    }

    private static Void loadAndSet(MigratingSessionStore instance, SessionData session, String name, CountDownLatch start)
            throws InterruptedException {
        start.await();
        SessionData loaded = instance.load(session.id(), now(), 60_000).live();
        assertNotNull(loaded, "every instance finds the session, moved by itself or by the other");
        assertEquals(session.id(), instance.save(with(loaded, Map.of(name, true)),
                new SessionChanges(false, Set.of(name), Set.of(), false)));
        return null;
    }

    @Test
    void aLogoutRacingAMoveOnAnotherInstanceBringsNothingBack() throws Exception {
        MigratingSessionStore other = openWindow(openNew(), openOld());
        List<SessionData> sessions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sessions.add(inOld("alice", Map.of("seed", i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SessionData session : sessions) {
                CountDownLatch start = new CountDownLatch(1);
                done.add(pool.submit(() -> {
                    start.await();
                    window.load(session.id(), now(), 60_000);
                    return window.delete(session.id(), now());
                }));
                done.add(pool.submit(() -> {
                    start.await();
                    SessionData loaded = other.load(session.id(), now(), 60_000).live();
                    return loaded == null ? null : other.save(with(loaded, Map.of("late", true)),
                            new SessionChanges(false, Set.of("late"), Set.of(), false));
                }));
                start.countDown();
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (SessionData session : sessions) {
            assertFalse(window.load(session.id(), now(), 60_000).isFound(), "logged out stays logged out");
            assertFalse(other.load(session.id(), now(), 60_000).isFound());
            assertNull(newStore.load(session.id(), now(), 60_000).live());
            assertNull(oldStore.load(session.id(), now(), 60_000).live());
        }
    }

    @Test
    void theReverseWindowIsTheRollback() {
        SessionData session = inOld("alice", Map.of("a", 1));
        window.load(session.id(), now(), 60_000);
        window.save(with(session, Map.of("b", 2)), new SessionChanges(false, Set.of("b"), Set.of(), false));

        MigratingSessionStore rollback = openWindow(openOld(), openNew());
        SessionData back = rollback.load(session.id(), now(), 60_000).live();

        assertEquals(Map.of("a", 1, "b", 2), decoded(back));
        assertEquals(Map.of("a", 1, "b", 2), decoded(oldStore.load(session.id(), now(), 60_000).live()));
        assertNull(newStore.load(session.id(), now(), 60_000).live());
        assertEquals(1, rollback.migrated());
    }

    /** Stores a session in the old store, as the application left it before the window opened. */
    protected SessionData inOld(String principal, Map<String, ?> attributes) {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), IDLE_SECONDS, principal, encode(attributes));
        assertEquals(session.id(), oldStore.save(session, new SessionChanges(true, session.attributes().keySet(), Set.of(), true)));
        return session;
    }

    protected static long now() {
        return System.currentTimeMillis();
    }

    protected static SessionData with(SessionData session, Map<String, ?> attributes) {
        Map<String, byte[]> merged = new java.util.LinkedHashMap<>(session.attributes());
        merged.putAll(encode(attributes));
        return new SessionData(session.id(), session.creationTime(), now(), session.maxInactiveSeconds(),
                session.principal(), merged);
    }

    protected static Map<String, byte[]> encode(Map<String, ?> attributes) {
        Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
        attributes.forEach((name, value) -> encoded.put(name, CODEC.encode(name, value)));
        return encoded;
    }

    protected static Map<String, Object> decoded(SessionData session) {
        assertNotNull(session, "the session exists");
        Map<String, Object> decoded = new java.util.HashMap<>();
        session.attributes().forEach((name, bytes) -> decoded.put(name, CODEC.decode(bytes)));
        return decoded;
    }
}
