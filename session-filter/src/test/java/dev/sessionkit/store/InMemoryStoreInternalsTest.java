package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory store's parts that the contract cannot see: the sweeper thread, the cap's exact bound,
 * the sampled index after rotation, merges of metadata, and the bounded record of rotations.
 */
class InMemoryStoreInternalsTest {

    private static final long T = 1_700_000_000_000L;

    private static SessionData session(String principal, long accessed) {
        return new SessionData(SessionIds.newId(), T, accessed, 600, principal, Map.of());
    }

    private static String saveNew(SessionStore store, SessionData session) {
        return store.save(session, new SessionChanges(true, Set.of(), Set.of(), true));
    }

    private static List<Thread> sweepers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sessionkit-memory-sweeper") && t.isAlive()).toList();
    }

    @Test
    void theSweeperIsOneDaemonThreadThatRunsOnScheduleAndEndsWithClose() throws InterruptedException {
        int before = sweepers().size();
        List<String> expired = new CopyOnWriteArrayList<>();
        InMemorySessionStore store = InMemorySessionStore.builder().sweepInterval(Duration.ofMillis(20)).build();
        assertEquals(before, sweepers().size(), "building starts nothing");
        store.start(new StoreContext(Duration.ofHours(1), expired::add));
        store.start(new StoreContext(Duration.ofHours(1), expired::add));
        SessionData idle = new SessionData(SessionIds.newId(), System.currentTimeMillis() - 10_000,
                System.currentTimeMillis() - 10_000, 1, null, Map.of());
        saveNew(store, idle);
        for (int i = 0; i < 500 && expired.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of(idle.id()), expired, "the sweeper ran and reported the idle session");
        List<Thread> started = sweepers();
        assertEquals(before + 1, started.size(), "a second start starts no second thread");
        assertTrue(started.stream().allMatch(Thread::isDaemon), "a daemon never holds the JVM open");
        store.close();
        assertEquals(before, sweepers().size(), "close returns once the thread has ended");
        store.close();
    }

    @Test
    void theCapHoldsExactly() {
        InMemorySessionStore store = InMemorySessionStore.builder().maxSessions(2).build();
        store.start(StoreContext.NONE);
        for (int i = 0; i < 3; i++) {
            saveNew(store, session(null, T + i));
        }
        assertEquals(2, store.count());
        store.close();
    }

    @Test
    void aRotatedSessionIsStillFoundByEviction() {
        InMemorySessionStore store = InMemorySessionStore.builder().maxSessions(2).build();
        store.start(StoreContext.NONE);
        SessionData oldest = session(null, T);
        SessionData newer = session(null, T + 1_000);
        saveNew(store, oldest);
        saveNew(store, newer);
        String rotated = SessionIds.rotated(oldest.id());
        assertTrue(store.rotate(oldest.id(), rotated, T + 2_000));
        saveNew(store, session(null, T + 3_000));
        assertFalse(store.load(rotated, T + 3_000, Long.MAX_VALUE).isFound(), "the least recently used, under its new ID, made room");
        assertTrue(store.load(newer.id(), T + 3_000, Long.MAX_VALUE).isFound());
        store.close();
    }

    @Test
    void deletingAnUnknownIdAnswersFalse() {
        InMemorySessionStore store = InMemorySessionStore.builder().build();
        SessionData stored = session("alice", T);
        saveNew(store, stored);
        assertFalse(store.delete(SessionIds.newId(), T));
        assertTrue(store.delete(stored.id(), T));
        assertFalse(store.delete(stored.id(), T));
        assertFalse(store.delete(stored.id()), "the admin delete answers the same");
    }

    @Test
    void theAccessIsRecordedOnceItIsExactlyTheTouchIntervalOld() {
        InMemorySessionStore store = InMemorySessionStore.builder().build();
        SessionData stored = session(null, T);
        saveNew(store, stored);
        store.load(stored.id(), T + 999, 1_000);
        assertEquals(T, store.load(stored.id(), T + 999, Long.MAX_VALUE).session().lastAccessedTime());
        store.load(stored.id(), T + 1_000, 1_000);
        assertEquals(T + 1_000, store.load(stored.id(), T + 1_000, Long.MAX_VALUE).session().lastAccessedTime());
    }

    @Test
    void aSaveChangesTimeoutAndPrincipalOnlyWhenItSaysTheMetadataChanged() {
        InMemorySessionStore store = InMemorySessionStore.builder().build();
        SessionData stored = session("alice", T);
        saveNew(store, stored);
        SessionData update = new SessionData(stored.id(), T, T + 5, 60, "bob", Map.of());
        store.save(update, new SessionChanges(false, Set.of(), Set.of(), false));
        SessionData kept = store.load(stored.id(), T + 5, Long.MAX_VALUE).session();
        assertEquals(600, kept.maxInactiveSeconds());
        assertEquals("alice", kept.principal());
        store.save(update, new SessionChanges(false, Set.of(), Set.of(), true));
        SessionData changed = store.load(stored.id(), T + 5, Long.MAX_VALUE).session();
        assertEquals(60, changed.maxInactiveSeconds());
        assertEquals("bob", changed.principal());
    }

    @Test
    void aUsersSessionsAreListedMostRecentFirst() {
        InMemorySessionStore store = InMemorySessionStore.builder().build();
        SessionData first = session("alice", T);
        SessionData second = session("alice", T + 2_000);
        SessionData third = session("alice", T + 1_000);
        saveNew(store, first);
        saveNew(store, second);
        saveNew(store, third);
        assertEquals(List.of(second.id(), third.id(), first.id()),
                store.sessionsOf("alice").stream().map(SessionInfo::id).toList());
    }

    @Test
    void theSweepIntervalMustBePositive() {
        assertThrows(dev.sessionkit.SessionException.class, () -> InMemorySessionStore.builder().sweepInterval(Duration.ZERO));
        assertThrows(dev.sessionkit.SessionException.class, () -> InMemorySessionStore.builder().sweepInterval(Duration.ofSeconds(-1)));
        InMemorySessionStore.builder().sweepInterval(Duration.ofMillis(1)).build().close();
    }

    @Test
    void aRotationIsRecentUntilItsGraceEndsInclusive() {
        RecentRotations rotations = new RecentRotations(10);
        rotations.rotated("a", T);
        assertTrue(rotations.isRecent("a", T + SessionStore.ROTATION_GRACE_MILLIS));
        assertFalse(rotations.isRecent("a", T + SessionStore.ROTATION_GRACE_MILLIS + 1));
        assertFalse(rotations.isRecent("a", T), "an ended record is gone");
        assertFalse(rotations.isRecent("never", T));
    }

    @Test
    void aFullRecordOfRotationsDropsNewOnesUntilOldOnesEnd() {
        RecentRotations rotations = new RecentRotations(2);
        rotations.rotated("a", T);
        rotations.rotated("b", T);
        rotations.rotated("c", T);
        assertFalse(rotations.isRecent("c", T), "beyond the capacity nothing is recorded");
        assertTrue(rotations.isRecent("a", T));
        long later = T + SessionStore.ROTATION_GRACE_MILLIS + 1;
        rotations.rotated("d", later);
        assertTrue(rotations.isRecent("d", later), "ended records were pruned to make room");
        rotations.rotated("e", later);
        assertTrue(rotations.isRecent("e", later), "both ended records went");
    }

    @Test
    void pruningRemovesOnlyEndedRotations() {
        RecentRotations rotations = new RecentRotations(2);
        rotations.rotated("a", T);
        rotations.rotated("b", T + 10);
        rotations.prune(T + SessionStore.ROTATION_GRACE_MILLIS + 5);
        rotations.rotated("c", T + 20);
        assertTrue(rotations.isRecent("c", T + 20), "a's record was pruned");
        assertTrue(rotations.isRecent("b", T + 20), "b's had not ended");
    }

    @Test
    void aSampleOfAllIdsOrFewerIsEveryIdOnce() {
        SampledIds ids = new SampledIds();
        for (String id : List.of("a", "b", "c", "d")) {
            ids.add(id);
        }
        ids.add("a");
        for (int round = 0; round < 30; round++) {
            List<String> sample = ids.sample(4);
            assertEquals(Set.of("a", "b", "c", "d"), new HashSet<>(sample));
            assertEquals(4, sample.size());
        }
        assertEquals(3, ids.sample(3).size(), "a smaller sample has the size asked for");
        assertEquals(4, ids.sample(10).size());
    }

    @Test
    void removingKeepsTheRestSampleable() {
        SampledIds ids = new SampledIds();
        for (String id : List.of("a", "b", "c")) {
            ids.add(id);
        }
        ids.remove("a");
        ids.remove("missing");
        assertEquals(Set.of("b", "c"), new HashSet<>(ids.sample(5)));
        ids.remove("c");
        assertEquals(List.of("b"), ids.sample(5));
        ids.add("a");
        assertEquals(Set.of("a", "b"), new HashSet<>(ids.sample(5)));
    }
}
