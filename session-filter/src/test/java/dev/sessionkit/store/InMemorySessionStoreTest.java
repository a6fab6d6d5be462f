package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InMemorySessionStoreTest extends SessionStoreContract {

    private static final int MAX_SESSIONS = 50;

    @Override
    protected SessionStore createStore() {
        return InMemorySessionStore.builder().maxSessions(MAX_SESSIONS).build();
    }

    private InMemorySessionStore memory() {
        return (InMemorySessionStore) store;
    }

    @Test
    void sweepRemovesIdleSessionsAndReportsThem() {
        SessionData idle = new SessionData(SessionIds.newId(), now(), now(), 60, null, Map.of());
        SessionData active = session(null, Map.of());
        SessionData immortal = new SessionData(SessionIds.newId(), now(), now(), 0, null, Map.of());
        saveNew(idle);
        saveNew(active);
        saveNew(immortal);

        memory().sweep(now() + 61_000);

        assertEquals(List.of(idle.id()), expired);
        assertEquals(2, admin.count());
        assertNotNull(store.load(active.id(), now(), 0).live());
        assertNotNull(store.load(immortal.id(), now() + 365L * 24 * 3600 * 1000, 0).live(), "maxInactive 0 never idles out");
    }

    @Test
    void reachingMaxSessionsKeepsMemoryBounded() {
        long t0 = now();
        for (int i = 0; i < MAX_SESSIONS; i++) {
            saveNew(new SessionData(SessionIds.newId(), t0, t0 + i, IDLE_SECONDS, null, Map.of()));
        }
        assertEquals(MAX_SESSIONS, admin.count());

        SessionData newcomer = session(null, Map.of());
        saveNew(newcomer);

        assertEquals(MAX_SESSIONS, admin.count(), "memory stays bounded");
        assertNotNull(store.load(newcomer.id(), now(), 0).live());
    }

    @Test
    void aFloodOfAnonymousSessionsNeverEvictsSignedInUsers() {
        InMemorySessionStore bounded = InMemorySessionStore.builder().maxSessions(200).build();
        try {
            long t0 = now();
            List<SessionData> users = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // The signed-in users are the least recently used: age alone would evict them first.
                users.add(new SessionData(SessionIds.newId(), t0 - 60_000, t0 - 60_000 + i, IDLE_SECONDS, "user" + i, Map.of()));
            }
            users.forEach(u -> bounded.save(u, new SessionChanges(true, Set.of(), Set.of(), true)));
            for (int i = 0; i < 2_000; i++) {
                bounded.save(new SessionData(SessionIds.newId(), t0 + i, t0 + i, IDLE_SECONDS, null, Map.of()),
                        new SessionChanges(true, Set.of(), Set.of(), false));
            }

            assertEquals(200, bounded.count());
            for (SessionData user : users) {
                assertNotNull(bounded.load(user.id(), t0 + 3_000, 60_000).live(), user.principal() + " is still signed in");
            }
        } finally {
            bounded.close();
        }
    }

    @Test
    void makingRoomRemovesOneSampledSessionNotEveryExpiredOne() {
        long t0 = now();
        for (int i = 0; i < MAX_SESSIONS; i++) {
            saveNew(new SessionData(SessionIds.newId(), t0 - 120_000, t0 - 120_000, 60, null, Map.of()));
        }

        SessionData newcomer = new SessionData(SessionIds.newId(), t0, t0, IDLE_SECONDS, null, Map.of());
        saveNew(newcomer);

        assertEquals(MAX_SESSIONS, admin.count(), "one session made room; the rest wait for the sweeper");
        assertEquals(1, expired.size(), "the expired session it evicted is reported");
        assertNotNull(store.load(newcomer.id(), t0, 60_000).live());
    }

    @Test
    void evictionPicksTheLeastRecentlyUsedOfItsSample() {
        InMemorySessionStore small = InMemorySessionStore.builder().maxSessions(3).build();
        try {
            long t0 = now();
            SessionData a = new SessionData(SessionIds.newId(), t0, t0 - 3_000, IDLE_SECONDS, null, Map.of());
            SessionData b = new SessionData(SessionIds.newId(), t0, t0 - 2_000, IDLE_SECONDS, null, Map.of());
            SessionData c = new SessionData(SessionIds.newId(), t0, t0 - 1_000, IDLE_SECONDS, null, Map.of());
            for (SessionData s : List.of(a, b, c)) {
                small.save(s, new SessionChanges(true, Set.of(), Set.of(), false));
            }
            small.load(a.id(), t0, 0).live(); // a becomes the most recently used

            SessionData d = new SessionData(SessionIds.newId(), t0, t0, IDLE_SECONDS, null, Map.of());
            small.save(d, new SessionChanges(true, Set.of(), Set.of(), false));

            assertEquals(3, small.count());
            assertNull(small.load(b.id(), t0, 0).live(), "b was the least recently used");
            assertNotNull(small.load(a.id(), t0, 0).live());
        } finally {
            small.close();
        }
    }

    @Test
    void indexDropsSessionsThatChangedUserWhenListed() {
        SessionData session = session("alice", Map.of());
        saveNew(session);
        store.save(withPrincipal(session, "bob"), new SessionChanges(false, Set.of(), Set.of(), true));

        assertEquals(List.of(), ids(admin.sessionsOf("alice")));
        assertEquals(List.of(session.id()), ids(admin.sessionsOf("bob")));
        assertEquals(0, admin.deleteAllOf("alice"), "logging alice out everywhere leaves bob's session alone");
        assertNotNull(store.load(session.id(), now(), 0).live());
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(dev.sessionkit.SessionException.class, () -> InMemorySessionStore.builder().maxSessions(0));
        assertThrows(dev.sessionkit.SessionException.class, () -> InMemorySessionStore.builder().sweepInterval(Duration.ZERO));
    }

    @Test
    void listCursorRevealsNoSessionId() {
        InMemorySessionStore memory = InMemorySessionStore.builder().build();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = SessionIds.newId();
            ids.add(id);
            memory.save(new SessionData(id, 1, 1, 60, null, java.util.Map.of()), new SessionChanges(true, java.util.Set.of(), java.util.Set.of(), false));
        }
        String cursor = memory.list(null, 2).cursor();
        for (String id : ids) {
            org.junit.jupiter.api.Assertions.assertFalse(cursor.contains(id) || cursor.contains(SessionIds.lineage(id)));
        }
        memory.close();
    }
}
