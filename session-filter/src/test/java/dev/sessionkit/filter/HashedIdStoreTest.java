package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store wrapper that keeps sessions under keyed hashes of their IDs, called directly: with a current and a
 * previous secret, every operation tries both keys and answers "nothing" for an ID stored under neither.
 */
class HashedIdStoreTest {

    private static final String CURRENT = "current-secret-0123456789-abcdefghijklmn";
    private static final String PREVIOUS = "previous-secret-9876543210-zyxwvutsrqpo";

    private final InMemorySessionStore plain = InMemorySessionStore.builder().build();
    private final StoreIds ids = StoreIds.of(SessionConfig.builder().secret(CURRENT).previousSecret(PREVIOUS).store(plain).build());
    private final HashedIdStore store = new HashedIdStore(plain, ids);
    private final SessionAdmin admin = store.admin().orElseThrow();
    private final long now = System.currentTimeMillis();

    @AfterEach
    void close() {
        plain.close();
    }

    private SessionData session(String id) {
        return new SessionData(id, now, now, 1800, "alice", Map.of("cart", "3".getBytes(StandardCharsets.UTF_8)));
    }

    /** Stores a session as the previous secret's deployment did: under its previous-key store ID. */
    private String storedUnderThePreviousKey() {
        String id = SessionIds.newId();
        plain.save(session(ids.storeId(1, id)), new SessionChanges(true, Set.of("cart"), Set.of(), true));
        return id;
    }

    @Test
    void aValueThatIsNoSessionIdLoadsAsAbsentWithoutAskingTheStore() {
        assertEquals(LoadResult.Status.ABSENT, store.load("not a session id", now, 0).status());
    }

    @Test
    void aSessionOfThePreviousKeyIsLoadedUnderItsSessionId() {
        String id = storedUnderThePreviousKey();
        assertEquals(id, store.load(id, now, 0).session().id());
    }

    @Test
    void aNewSessionIsStoredUnderTheCurrentKeyOnly() {
        String id = SessionIds.newId();
        assertEquals(id, store.save(session(id), new SessionChanges(true, Set.of("cart"), Set.of(), true)));
        assertTrue(plain.load(ids.storeId(0, id), now, 0).isFound());
        assertFalse(plain.load(ids.storeId(1, id), now, 0).isFound());
    }

    @Test
    void aSaveOfASessionStoredUnderNeitherKeyWritesNothing() {
        String id = SessionIds.newId();
        assertNull(store.save(session(id), new SessionChanges(false, Set.of("cart"), Set.of(), false)));
        assertEquals(0, plain.admin().orElseThrow().count());
    }

    @Test
    void aSaveReachesASessionOfThePreviousKey() {
        String id = storedUnderThePreviousKey();
        assertEquals(id, store.save(session(id), new SessionChanges(false, Set.of("cart"), Set.of(), false)));
    }

    @Test
    void deleteAndRotateOfAnUnknownIdFindNothing() {
        String id = SessionIds.newId();
        assertFalse(store.delete(id, now));
        assertFalse(store.rotate(id, SessionIds.rotated(id), now));
    }

    @Test
    void deleteAndRotateReachASessionOfThePreviousKey() {
        String id = storedUnderThePreviousKey();
        String rotated = SessionIds.rotated(id);
        assertTrue(store.rotate(id, rotated, now));
        assertTrue(plain.load(ids.storeId(1, rotated), now, 0).isFound(), "it stays under the key it was stored with");
        assertTrue(store.delete(rotated, now));
        assertEquals(0, plain.admin().orElseThrow().count());
    }

    @Test
    void rotationToAnIdOfAnotherLineageIsRefused() {
        String id = SessionIds.newId();
        store.save(session(id), new SessionChanges(true, Set.of("cart"), Set.of(), true));
        assertThrows(IllegalArgumentException.class, () -> store.rotate(id, SessionIds.newId(), now));
    }

    @Test
    void theAdminViewCountsListsAndIndexesAsTheStoreDoes() {
        String id = storedUnderThePreviousKey();
        assertEquals(1, admin.count());
        assertEquals(1, admin.approximateCount());
        assertEquals(List.of(ids.storeId(1, id)), admin.list(null, 10).sessions().stream().map(SessionInfo::id).toList());
        assertEquals(1, admin.sessionsOf("alice").size());
        assertEquals(1, admin.deleteAllOf("alice"));
        assertEquals(0, plain.admin().orElseThrow().count());
    }

    @Test
    void theAdminViewFindsBySessionIdUnderEitherKeyOrByStoreId() {
        String id = storedUnderThePreviousKey();
        String storeId = ids.storeId(1, id);
        assertEquals(Optional.of(storeId), admin.find(id).map(SessionInfo::id));
        assertEquals(Optional.of(storeId), admin.find(storeId).map(SessionInfo::id));
        assertEquals(Optional.empty(), admin.find(SessionIds.newId()));
        assertEquals(Optional.empty(), admin.find("not a session id"));
    }

    @Test
    void theAdminViewDeletesBySessionIdOrByStoreIdAndReportsAMiss() {
        String bySessionId = storedUnderThePreviousKey();
        String byStoreId = storedUnderThePreviousKey();
        assertTrue(admin.delete(bySessionId));
        assertTrue(admin.delete(ids.storeId(1, byStoreId)));
        assertEquals(0, plain.admin().orElseThrow().count());
        assertFalse(admin.delete(SessionIds.newId()));
        assertFalse(admin.delete("not a session id"));
    }
}
