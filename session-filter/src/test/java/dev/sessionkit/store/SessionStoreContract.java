package dev.sessionkit.store;

import dev.sessionkit.codec.AttributeCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every server-side {@link SessionStore} must do: its concurrency contract (delta saves, no
 * resurrection, atomic rotation), access recording, idle expiry, the per-user index and the
 * administrator's view of {@link SessionAdmin}.
 *
 * <p>A subclass supplies an empty store for each test; the contract starts it with a listener that records
 * expiries, and closes it after the test.
 */
public abstract class SessionStoreContract {

    protected static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());
    protected static final int IDLE_SECONDS = 1800;

    /** IDs the store reported expired on its own. */
    protected final List<String> expired = new CopyOnWriteArrayList<>();
    protected SessionStore store;
    protected SessionAdmin admin;

    /**
     * @return a new store with no sessions, not yet started; it must also implement {@link SessionAdmin}
     */
    protected abstract SessionStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
        store.start(new StoreContext(Duration.ZERO, expired::add));
        admin = store.admin().orElseGet(() -> (SessionAdmin) store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- load and save ----

    @Test
    void loadOfAnUnknownIdIsNull() {
        assertNull(store.load(SessionIds.newId(), now(), 0).live());
    }

    @Test
    void newSessionLoadsBackAsSaved() {
        SessionData session = session("alice", Map.of("cart", List.of("book", "pen"), "visits", 3));
        saveNew(session);

        SessionData loaded = store.load(session.id(), session.lastAccessedTime(), 60_000).live();

        assertNotNull(loaded);
        assertEquals(session.id(), loaded.id());
        assertEquals(session.creationTime(), loaded.creationTime());
        assertEquals(session.lastAccessedTime(), loaded.lastAccessedTime());
        assertEquals(IDLE_SECONDS, loaded.maxInactiveSeconds());
        assertEquals("alice", loaded.principal());
        assertEquals(session.attributes().keySet(), loaded.attributes().keySet());
        session.attributes().forEach((name, bytes) -> assertArrayEquals(bytes, loaded.attributes().get(name), name));
    }

    @Test
    void deltaSaveWritesOnlyWhatChanged() {
        SessionData session = session(null, Map.of("a", 1, "b", 2, "c", 3));
        saveNew(session);

        // A request that saw a stale copy of "a" changes only "b" and removes "c": "a" must stay as stored.
        SessionData update = with(session, Map.of("a", 99, "b", 20));
        assertEquals(session.id(), store.save(update, new SessionChanges(false, Set.of("b"), Set.of("c"), false)));

        Map<String, Object> attributes = attributes(store.load(session.id(), now(), 0).live());
        assertEquals(Map.of("a", 1, "b", 20), attributes);
    }

    @Test
    void concurrentSavesOfDifferentAttributesAllSurvive() throws Exception {
        SessionData session = session(null, Map.of("start", true));
        saveNew(session);
        int threads = 2;
        int iterations = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < iterations; i++) {
                        String name = "t" + thread + "-" + i;
                        SessionData mine = with(session, Map.of(name, i));
                        assertEquals(session.id(), store.save(mine, new SessionChanges(false, Set.of(name), Set.of(), false)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> names = store.load(session.id(), now(), 0).live().attributes().keySet();
        assertEquals(1 + threads * iterations, names.size(), "every attribute from every thread survives");
    }

    @Test
    void saveAfterDeleteWritesNothingAndReturnsNull() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        assertTrue(store.delete(session.id(), System.currentTimeMillis()));

        SessionData late = with(session, Map.of("b", 2));
        assertNull(store.save(late, new SessionChanges(false, Set.of("b"), Set.of(), false)));
        assertNull(store.save(late, SessionChanges.TOUCH));

        assertNull(store.load(session.id(), now(), 0).live());
        assertFalse(store.delete(session.id(), System.currentTimeMillis()));
    }

    // ---- rotation ----

    @Test
    void rotateMovesTheDataAndKillsTheOldId() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        String newId = SessionIds.rotated(session.id());

        assertTrue(store.rotate(session.id(), newId, System.currentTimeMillis()));

        assertNull(store.load(session.id(), now(), 0).live());
        SessionData moved = store.load(newId, now(), 0).live();
        assertNotNull(moved);
        assertEquals(newId, moved.id());
        assertEquals(session.creationTime(), moved.creationTime());
        assertEquals(Map.of("a", 1), attributes(moved));
    }

    @Test
    void saveUnderTheOldIdAfterRotationDoesNotRecreateIt() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        String newId = SessionIds.rotated(session.id());
        assertTrue(store.rotate(session.id(), newId, System.currentTimeMillis()));

        SessionData late = with(session, Map.of("b", 2));
        assertNull(store.save(late, new SessionChanges(false, Set.of("b"), Set.of(), false)));

        assertNull(store.load(session.id(), now(), 0).live());
        assertEquals(Map.of("a", 1), attributes(store.load(newId, now(), 0).live()));
        assertFalse(store.rotate(session.id(), SessionIds.rotated(session.id()), System.currentTimeMillis()), "the old ID cannot be rotated again");
    }

    // ---- access recording and expiry ----

    @Test
    void loadRecordsTheAccessOnlyWhenTouchIsDue() {
        SessionData session = session(null, Map.of());
        saveNew(session);
        long t0 = session.lastAccessedTime();

        assertEquals(t0, store.load(session.id(), t0 + 1_000, 60_000).live().lastAccessedTime());
        assertEquals(t0, store.load(session.id(), t0 + 2_000, 60_000).live().lastAccessedTime(), "not due: nothing written");

        assertEquals(t0, store.load(session.id(), t0 + 3_000, 0).live().lastAccessedTime(), "load returns the previous access");
        assertEquals(t0 + 3_000, store.load(session.id(), t0 + 4_000, 60_000).live().lastAccessedTime(), "the touch was recorded");
    }

    @Test
    void saveRecordsTheAccessTime() {
        SessionData session = session(null, Map.of());
        saveNew(session);
        long later = session.lastAccessedTime() + 5_000;

        assertEquals(session.id(), store.save(session.accessedAt(later), SessionChanges.TOUCH));

        assertEquals(later, store.load(session.id(), later, 60_000).live().lastAccessedTime());
    }

    @Test
    void anIdRotatedAwayLoadsAsRotatedDuringTheGraceThenAsAbsent() {
        SessionData session = session(null, Map.of("a", "1"));
        saveNew(session);
        String newId = SessionIds.rotated(session.id());
        long rotatedAt = now();

        assertTrue(store.rotate(session.id(), newId, rotatedAt));

        assertEquals(LoadResult.Status.ROTATED, store.load(session.id(), rotatedAt + 1_000, 60_000).status());
        assertEquals(LoadResult.Status.ABSENT,
                store.load(session.id(), rotatedAt + SessionStore.ROTATION_GRACE_MILLIS + 1, 60_000).status());
        assertEquals(LoadResult.Status.ABSENT, store.load(SessionIds.newId(), rotatedAt, 60_000).status(),
                "an ID never rotated is absent");
        assertNotNull(store.load(newId, rotatedAt + 1_000, 60_000).live(), "the session lives under its new ID");
    }

    @Test
    void rotateRefusesAnIdOfAnotherLineageOrOneInUseAndChangesNothing() {
        SessionData session = session(null, Map.of("a", "1"));
        SessionData sibling = new SessionData(SessionIds.rotated(session.id()), now(), now(), IDLE_SECONDS, null, Map.of());
        saveNew(session);
        saveNew(sibling);

        assertThrows(IllegalArgumentException.class, () -> store.rotate(session.id(), SessionIds.newId(), now()));
        assertThrows(IllegalArgumentException.class, () -> store.rotate(session.id(), sibling.id(), now()));

        assertEquals(session.attributes().keySet(), store.load(session.id(), now(), 60_000).live().attributes().keySet());
        assertEquals(Set.of(), store.load(sibling.id(), now(), 60_000).live().attributes().keySet(), "the sibling is not overwritten");
    }

    @Test
    void idleExpiredSessionLoadsAsExpiredOnceAndIsNotAlsoReportedToTheListener() {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), 60, null, Map.of());
        saveNew(session);

        LoadResult result = store.load(session.id(), session.lastAccessedTime() + 61_000, 0);

        assertEquals(LoadResult.Status.EXPIRED, result.status());
        assertEquals(session.id(), result.session().id());
        assertEquals(List.of(), expired, "the filter reports an expiry found by load; the store must not report it twice");
        assertEquals(LoadResult.Status.ABSENT, store.load(session.id(), session.lastAccessedTime() + 61_000, 0).status(),
                "only the first load reports the expiry");
        assertNull(store.load(session.id(), session.lastAccessedTime(), 0).live(), "an expired session stays dead");
        assertNull(store.save(session, SessionChanges.TOUCH), "and no save revives it");
    }

    // ---- per-user index ----

    @Test
    void sessionsOfListsAUsersLiveSessionsWithTheirLoginDetails() {
        SessionData first = session("alice", Map.of(SessionInfo.DETAILS_ATTRIBUTE, Map.of("ip", "192.0.2.1")));
        SessionData second = new SessionData(SessionIds.newId(), now(), now() + 1_000, IDLE_SECONDS, "alice", Map.of());
        saveNew(first);
        saveNew(second);
        saveNew(session("bob", Map.of()));

        List<SessionInfo> sessions = admin.sessionsOf("alice");

        assertEquals(List.of(second.id(), first.id()), sessions.stream().map(SessionInfo::id).toList(),
                "most recently accessed first");
        assertEquals(Map.of("ip", "192.0.2.1"), sessions.get(1).details());
        assertEquals(first.creationTime(), sessions.get(1).creationTime());
        assertEquals("alice", sessions.get(1).principal());
        assertEquals(List.of(), admin.sessionsOf("carol"));
    }

    @Test
    void deleteAllOfLogsAUserOutEverywhere() {
        SessionData a1 = session("alice", Map.of());
        SessionData a2 = session("alice", Map.of());
        SessionData b1 = session("bob", Map.of());
        saveNew(a1);
        saveNew(a2);
        saveNew(b1);

        assertEquals(2, admin.deleteAllOf("alice"));

        assertNull(store.load(a1.id(), now(), 0).live());
        assertNull(store.load(a2.id(), now(), 0).live());
        assertNull(store.save(with(a1, Map.of("x", 1)), new SessionChanges(false, Set.of("x"), Set.of(), false)));
        assertNotNull(store.load(b1.id(), now(), 0).live());
        assertEquals(List.of(), admin.sessionsOf("alice"));
        assertEquals(0, admin.deleteAllOf("alice"));
    }

    @Test
    void deletedAndExpiredSessionsLeaveTheIndex() {
        SessionData deleted = session("alice", Map.of());
        SessionData idle = new SessionData(SessionIds.newId(), now(), now(), 60, "alice", Map.of());
        SessionData live = session("alice", Map.of());
        saveNew(deleted);
        saveNew(idle);
        saveNew(live);

        assertTrue(admin.delete(deleted.id()));
        assertNull(store.load(idle.id(), now() + 61_000, 0).live());

        assertEquals(List.of(live.id()), ids(admin.sessionsOf("alice")));
    }

    @Test
    void loginLogoutAndUserSwitchKeepTheIndexTrue() {
        SessionData anonymous = session(null, Map.of());
        saveNew(anonymous);
        SessionData asAlice = withPrincipal(anonymous, "alice");
        store.save(asAlice, new SessionChanges(false, Set.of(), Set.of(), true));
        assertEquals(List.of(anonymous.id()), ids(admin.sessionsOf("alice")));

        store.save(withPrincipal(anonymous, "bob"), new SessionChanges(false, Set.of(), Set.of(), true));
        assertEquals(List.of(), ids(admin.sessionsOf("alice")));
        assertEquals(List.of(anonymous.id()), ids(admin.sessionsOf("bob")));

        store.save(withPrincipal(anonymous, null), new SessionChanges(false, Set.of(), Set.of(), true));
        assertEquals(List.of(), ids(admin.sessionsOf("bob")));
        assertNull(store.load(anonymous.id(), now(), 0).live().principal());
    }

    @Test
    void rotatedSessionStaysIndexedUnderItsNewId() {
        SessionData session = session("alice", Map.of());
        saveNew(session);
        String newId = SessionIds.rotated(session.id());

        assertTrue(store.rotate(session.id(), newId, System.currentTimeMillis()));

        assertEquals(List.of(newId), ids(admin.sessionsOf("alice")));
        assertEquals(1, admin.deleteAllOf("alice"));
        assertNull(store.load(newId, now(), 0).live());
    }

    // ---- administration ----

    @Test
    void listPagesCoverEverySessionExactlyOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            SessionData session = session(i % 2 == 0 ? "user" + i : null, Map.of("n", i));
            saveNew(session);
            created.add(session.id());
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SessionPage page = admin.list(cursor, 7);
            page.sessions().forEach(info -> listed.add(info.id()));
            cursor = page.cursor();
            assertTrue(++pages < 100, "the listing ends");
        } while (cursor != null);

        assertEquals(created, new HashSet<>(listed));
        assertEquals(created.size(), listed.size(), "no session listed twice");
        assertEquals(25, admin.count());
    }

    @Test
    void findShowsMetadataAndAttributeNamesWithoutRecordingAnAccess() {
        SessionData session = session("alice", Map.of("cart", List.of("book"), "theme", "dark"));
        saveNew(session);

        Optional<SessionInfo> found = admin.find(session.id());

        assertTrue(found.isPresent());
        assertEquals("alice", found.get().principal());
        assertEquals(Set.of("cart", "theme"), found.get().attributeNames());
        assertEquals(session.lastAccessedTime(), found.get().lastAccessedTime());
        assertEquals(session.lastAccessedTime(), store.load(session.id(), session.lastAccessedTime(), 60_000).live().lastAccessedTime());
        assertEquals(Optional.empty(), admin.find(SessionIds.newId()));
    }

    @Test
    void adminDeleteEndsTheSession() {
        SessionData session = session(null, Map.of());
        saveNew(session);

        assertTrue(admin.delete(session.id()));

        assertNull(store.load(session.id(), now(), 0).live());
        assertEquals(Optional.empty(), admin.find(session.id()));
        assertEquals(0, admin.count());
        assertTrue(expired.isEmpty(), "deletes asked for are not expiries");
    }

    @Test
    void insertKeepsACopiedSessionsTimesAndNeverOverwrites() {
        long now = now();
        SessionData copied = new SessionData(SessionIds.newId(), now - 3_600_000, now - 600_000, IDLE_SECONDS, "alice",
                encode(Map.of("cart", List.of("book"))));
        SessionData other = new SessionData(copied.id(), now, now, IDLE_SECONDS, "mallory", encode(Map.of("x", 1)));

        assertTrue(store.insert(copied, now));
        assertFalse(store.insert(other, now));

        assertEquals(copied, store.load(copied.id(), now, Long.MAX_VALUE).live());
    }

    // ---- helpers ----

    protected static long now() {
        return System.currentTimeMillis();
    }

    /** A new session created now with the given principal and attributes (encoded as the codec does). */
    protected static SessionData session(String principal, Map<String, ?> attributes) {
        return new SessionData(SessionIds.newId(), now(), now(), IDLE_SECONDS, principal, encode(attributes));
    }

    protected void saveNew(SessionData session) {
        assertEquals(session.id(), store.save(session, new SessionChanges(true, session.attributes().keySet(), Set.of(), false)));
    }

    /** The same session as a request holding these attribute values would leave it. */
    protected static SessionData with(SessionData session, Map<String, ?> attributes) {
        Map<String, byte[]> merged = new LinkedHashMap<>(session.attributes());
        merged.putAll(encode(attributes));
        return new SessionData(session.id(), session.creationTime(), now(), session.maxInactiveSeconds(),
                session.principal(), merged);
    }

    protected static SessionData withPrincipal(SessionData session, String principal) {
        return new SessionData(session.id(), session.creationTime(), now(), session.maxInactiveSeconds(),
                principal, session.attributes());
    }

    protected static Map<String, byte[]> encode(Map<String, ?> attributes) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        attributes.forEach((name, value) -> encoded.put(name, CODEC.encode(name, value)));
        return encoded;
    }

    protected static Map<String, Object> attributes(SessionData session) {
        assertNotNull(session, "the session exists");
        Map<String, Object> decoded = new HashMap<>();
        session.attributes().forEach((name, bytes) -> decoded.put(name, CODEC.decode(bytes)));
        return decoded;
    }

    protected static List<String> ids(List<SessionInfo> sessions) {
        return sessions.stream().map(SessionInfo::id).toList();
    }
}
