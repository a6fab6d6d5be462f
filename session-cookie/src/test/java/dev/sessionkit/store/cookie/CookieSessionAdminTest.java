package dev.sessionkit.store.cookie;

import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin view of revocable cookie sessions: a user's live sessions, and revoking them. Real time, as the view uses. */
class CookieSessionAdminTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final InMemoryRevocationList list = new InMemoryRevocationList(100);
    private final CookieSessionStore store = CookieSessionStore.builder()
            .keyset(CookieKeys.generate(CookieAead.AES256_GCM)).revocation(list).build();
    private final long now = System.currentTimeMillis();

    {
        store.start(new StoreContext(Duration.ofHours(8), id -> { }));
    }

    private SessionAdmin admin() {
        return store.admin().orElseThrow();
    }

    private SessionData saved(String principal, long lastAccessed, int maxInactiveSeconds) {
        SessionData session = new SessionData(SessionIds.newId(), now - 7 * HOUR, lastAccessed, maxInactiveSeconds,
                principal, Map.of());
        store.save(session, SessionChanges.TOUCH);
        return session;
    }

    private Set<String> recordedLineages(String principal) {
        return list.sessionsOf(principal, System.currentTimeMillis()).keySet();
    }

    private static List<String> ids(List<SessionInfo> sessions) {
        return sessions.stream().map(SessionInfo::id).toList();
    }

    @Test
    void sessionsOfListsTheUsersLiveSessionsMostRecentlyUsedFirst() {
        SessionData older = saved("alice", now - 30 * MINUTE, 3600);
        SessionData newest = saved("alice", now - 10 * MINUTE, 3600);
        SessionData middle = saved("alice", now - 20 * MINUTE, 3600);
        saved("bob", now - 5 * MINUTE, 3600);

        assertEquals(List.of(newest.id(), middle.id(), older.id()), ids(admin().sessionsOf("alice")));
    }

    @Test
    void aSessionHoldingAttributesIsListedWithTheirNames() {
        SessionData session = new SessionData(SessionIds.newId(), now, now, 3600, "alice",
                Map.of("cart", Fixtures.CODEC.encode("cart", "book")));
        store.save(session, SessionChanges.TOUCH);

        List<SessionInfo> listed = admin().sessionsOf("alice");

        assertEquals(List.of(session.id()), ids(listed));
        assertEquals(Set.of("cart"), listed.get(0).attributeNames());
    }

    @Test
    void idleSessionsAreLeftOutAndForgotten() {
        SessionData idle = saved("alice", now - 2 * HOUR, 3600);
        SessionData live = saved("alice", now - 10 * MINUTE, 3600);
        assertEquals(Set.of(SessionIds.lineage(idle.id()), SessionIds.lineage(live.id())), recordedLineages("alice"));

        assertEquals(List.of(live.id()), ids(admin().sessionsOf("alice")));
        assertEquals(Set.of(SessionIds.lineage(live.id())), recordedLineages("alice"));
    }

    @Test
    void aSessionWithoutIdleTimeoutIsListedHoweverLongUnused() {
        SessionData unused = saved("alice", now - 7 * HOUR, 0);

        assertEquals(List.of(unused.id()), ids(admin().sessionsOf("alice")));
    }

    @Test
    void deleteRevokesTheSessionsCookiesForGood() {
        SessionData session = new SessionData(SessionIds.newId(), now, now, 3600, "alice", Map.of());
        String token = store.save(session, SessionChanges.TOUCH);
        assertNotNull(store.load(token, now, MINUTE).live());

        assertTrue(admin().delete(session.id()));

        assertNull(store.load(token, now, MINUTE).live());
        assertEquals(1, store.rejected().get(Rejection.REVOKED));
    }

    @Test
    void deleteAllOfRevokesEveryCookieOfTheUserForgetsTheirRecordAndCountsThem() {
        SessionData first = new SessionData(SessionIds.newId(), now, now, 3600, "alice", Map.of());
        SessionData second = new SessionData(SessionIds.newId(), now, now, 3600, "alice", Map.of());
        String firstToken = store.save(first, SessionChanges.TOUCH);
        String secondToken = store.save(second, SessionChanges.TOUCH);
        SessionData bobs = saved("bob", now, 3600);

        assertEquals(2, admin().deleteAllOf("alice"));

        assertEquals(LoadResult.ABSENT, store.load(firstToken, now, MINUTE));
        assertEquals(LoadResult.ABSENT, store.load(secondToken, now, MINUTE));
        assertEquals(2, store.rejected().get(Rejection.REVOKED));
        assertEquals(Set.of(), recordedLineages("alice"));
        assertEquals(Set.of(SessionIds.lineage(bobs.id())), recordedLineages("bob"));
    }

    @Test
    void countListAndFindAreRefusedNamingTheOperation() {
        SessionAdmin admin = admin();

        assertTrue(assertThrows(UnsupportedOperationException.class, admin::count).getMessage()
                .contains("count needs a server-side store"));
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> admin.list(null, 10)).getMessage()
                .contains("list needs a server-side store"));
        assertTrue(assertThrows(UnsupportedOperationException.class, () -> admin.find("x")).getMessage()
                .contains("find needs a server-side store"));
    }
}
