package dev.sessionkit.store;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.testapp.CapturedLog;
import dev.sessionkit.testapp.TokenCookieStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a migration window adopts the sessions of an old store that names them otherwise: a foreign store, a cookie store. */
class MigrationAdoptionTest {

    private static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());

    private final long now = System.currentTimeMillis();
    private final InMemorySessionStore newMemory = InMemorySessionStore.builder().build();
    private final InMemorySessionStore foreignMemory = InMemorySessionStore.builder().build();
    private final InMemorySessionStore sameIdOld = InMemorySessionStore.builder().build();

    @AfterEach
    void closeStores() {
        newMemory.close();
        foreignMemory.close();
        sameIdOld.close();
    }

    @Test
    void aWindowBetweenStoresThatKeepOurIdsAdoptsNothing() {
        SessionData session = session(SessionIds.newId());
        sameIdOld.save(session, everything(session));
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, sameIdOld);

        assertEquals(LoadResult.ABSENT, window.adopt(session.id(), now, 60_000));
        assertTrue(sameIdOld.load(session.id(), now, Long.MAX_VALUE).isFound(), "left in the old store");
        assertEquals(0, window.migrated());
    }

    @Test
    void aForeignSessionMovesUnderANewIdOfOurs() {
        SessionData foreign = inForeign();
        MigratingSessionStore window = foreignWindow(newMemory);

        SessionData moved = window.adopt(foreign.id(), now, 60_000).live();

        assertNotEquals(foreign.id(), moved.id());
        assertTrue(SessionIds.isWellFormed(moved.id()), "a sessionkit ID");
        assertEquals(foreign.withId(moved.id()), moved, "same data under the new ID");
        assertEquals(moved, newMemory.load(moved.id(), now, Long.MAX_VALUE).live(), "stored in the new store");
        assertFalse(foreignMemory.load(foreign.id(), now, Long.MAX_VALUE).isFound(), "claimed from the foreign store");
        assertEquals(1, window.migrated());
    }

    @Test
    void aSecondClaimOfTheSameForeignCookieFindsNothing() {
        SessionData foreign = inForeign();
        MigratingSessionStore window = foreignWindow(newMemory);
        window.adopt(foreign.id(), now, 60_000);

        assertEquals(LoadResult.ABSENT, window.adopt(foreign.id(), now, 60_000));
        assertEquals(1, window.migrated());
    }

    @Test
    void aForeignSessionAnotherRequestClaimsBetweenTheReadAndTheClaimIsNotAdopted() {
        SessionData foreign = inForeign();
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new ForeignMemory(foreignMemory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                LoadResult read = super.load(token, now, touchAfterMillis);
                foreignMemory.delete(token, now); // the other request's claim
                return read;
            }
        });

        assertEquals(LoadResult.ABSENT, window.adopt(foreign.id(), now, 60_000));
        assertEquals(0, newMemory.count(), "nothing stored");
        assertEquals(0, window.migrated());
    }

    @Test
    void anUnknownForeignCookieAdoptsNothing() {
        inForeign();
        MigratingSessionStore window = foreignWindow(newMemory);

        assertEquals(LoadResult.ABSENT, window.adopt("spring-" + UUID.randomUUID(), now, 60_000));
        assertEquals(0, window.migrated());
    }

    @Test
    void leftInOldStoreIsTheForeignStoresCount() {
        SessionData first = inForeign();
        inForeign();
        MigratingSessionStore window = foreignWindow(newMemory);
        assertEquals(OptionalLong.of(2), window.leftInOldStore());

        window.adopt(first.id(), now, 60_000);

        assertEquals(OptionalLong.of(1), window.leftInOldStore());
    }

    @Test
    void theAdminOfAForeignWindowIsTheNewStoresOnly() {
        inForeign();
        SessionData ours = session(SessionIds.newId());
        newMemory.save(ours, everything(ours));
        MigratingSessionStore window = foreignWindow(newMemory);

        assertEquals(1, window.admin().orElseThrow().count());
    }

    @Test
    void aForeignSessionThatCannotBeReadStartsAfreshWithAWarning() {
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new ForeignMemory(foreignMemory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                throw new SessionException("attribute 'user' has no mapping");
            }
        });

        try (CapturedLog log = CapturedLog.of(MigratingSessionStore.class.getName())) {
            assertEquals(LoadResult.ABSENT, window.adopt("spring-1", now, 60_000));

            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).endsWith("attribute 'user' has no mapping"),
                    log.messages(Level.WARNING).toString());
        }
    }

    @Test
    void anUnreachableForeignStoreFailsTheAdoptionInsteadOfStartingAfresh() {
        SessionStoreUnavailableException down = new SessionStoreUnavailableException("foreign store down", null);
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new ForeignMemory(foreignMemory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                throw down;
            }
        });

        assertSame(down, assertThrows(SessionStoreUnavailableException.class, () -> window.adopt("spring-1", now, 60_000)));
    }

    @Test
    void aForeignSessionTheNewStoreCannotTakeIsLostWithAWarning() {
        SessionData foreign = inForeign();
        SessionStoreUnavailableException down = new SessionStoreUnavailableException("new store down", null);
        SessionStore failingNew = new ForwardingSessionStore(newMemory) {
            @Override
            public String save(SessionData session, SessionChanges changes) {
                throw down;
            }
        };
        MigratingSessionStore window = foreignWindow(failingNew);

        try (CapturedLog log = CapturedLog.of(MigratingSessionStore.class.getName())) {
            assertSame(down, assertThrows(SessionStoreUnavailableException.class, () -> window.adopt(foreign.id(), now, 60_000)));

            assertFalse(foreignMemory.load(foreign.id(), now, Long.MAX_VALUE).isFound(), "claimed before the failure");
            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).contains("is lost"), log.messages(Level.WARNING).toString());
            assertEquals(0, window.migrated());
        }
    }

    @Test
    void aCookieSessionMovesUnderItsOwnIdAndIsCounted() {
        SessionData session = session(SessionIds.newId());
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new TokenCookieStore());

        SessionData moved = window.adopt(sealed(session), now, 60_000).live();

        assertEquals(session, moved);
        assertEquals(session, newMemory.load(session.id(), now, Long.MAX_VALUE).live(), "stored under its own ID");
        assertEquals(1, window.migrated());
    }

    @Test
    void aReplayedCookieOpensTheMovedCopyWithoutMovingItAgain() {
        SessionData session = session(SessionIds.newId());
        String cookie = sealed(session);
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new TokenCookieStore());
        window.adopt(cookie, now, 60_000);
        SessionData changed = withAttribute(session, "b");
        window.save(changed, new SessionChanges(false, Set.of("b"), Set.of(), false));

        SessionData replayed = window.adopt(cookie, now, 60_000).live();

        assertEquals(changed, replayed, "the new store's copy, not the cookie's");
        assertEquals(1, window.migrated());
    }

    @Test
    void aReplayedCookieOfASessionRotatedSinceItsMoveAdoptsNothing() {
        SessionData session = session(SessionIds.newId());
        String cookie = sealed(session);
        MigratingSessionStore window = MigratingSessionStore.between(newMemory, new TokenCookieStore());
        window.adopt(cookie, now, 60_000);
        assertTrue(window.rotate(session.id(), SessionIds.rotated(session.id()), now));

        assertEquals(LoadResult.ABSENT, window.adopt(cookie, now, 60_000));
    }

    @Test
    void aCookieSessionAnotherRequestStoredFirstIsTakenFromTheNewStoreAndNotCounted() {
        SessionData session = session(SessionIds.newId());
        SessionData storedByTheOther = withAttribute(session, "other");
        // The other request carrying the same cookie stores the session right after this one found the new store empty.
        SessionStore racedNew = new ForwardingSessionStore(newMemory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                LoadResult read = super.load(token, now, touchAfterMillis);
                if (read.status() == LoadResult.Status.ABSENT) {
                    newMemory.save(storedByTheOther, everything(storedByTheOther));
                }
                return read;
            }
        };
        MigratingSessionStore window = MigratingSessionStore.between(racedNew, new TokenCookieStore());

        assertEquals(storedByTheOther, window.adopt(sealed(session), now, 60_000).live());
        assertEquals(0, window.migrated());
    }

    private MigratingSessionStore foreignWindow(SessionStore newStore) {
        return MigratingSessionStore.between(newStore, new ForeignMemory(foreignMemory));
    }

    private SessionData inForeign() {
        SessionData session = session("spring-" + UUID.randomUUID());
        assertEquals(session.id(), foreignMemory.save(session, everything(session)));
        return session;
    }

    private SessionData session(String id) {
        return new SessionData(id, now - 5_000, now - 1_000, 1800, "alice",
                Map.of("cart", CODEC.encode("cart", "book")));
    }

    private static SessionData withAttribute(SessionData session, String name) {
        Map<String, byte[]> attributes = new java.util.HashMap<>(session.attributes());
        attributes.put(name, CODEC.encode(name, 1));
        return new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), attributes);
    }

    private static String sealed(SessionData session) {
        return new TokenCookieStore().save(session, everything(session));
    }

    private static SessionChanges everything(SessionData session) {
        return new SessionChanges(true, session.attributes().keySet(), Set.of(), true);
    }

    /** A read-only foreign store over an in-memory one: the foreign cookie value is the ID, delete is the claim. */
    private static class ForeignMemory extends ForwardingSessionStore implements ForeignSessionStore {

        ForeignMemory(InMemorySessionStore memory) {
            super(memory);
        }

        @Override
        public long count() {
            return delegate().admin().orElseThrow().count();
        }

        @Override
        public String save(SessionData session, SessionChanges changes) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public boolean rotate(String oldId, String newId, long now) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
