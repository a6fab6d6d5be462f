package dev.sessionkit.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plumbing of a migration window between two server-side stores: health, lifecycle, admin, rotation. */
class MigrationWindowTest {

    private final long now = System.currentTimeMillis();
    private final InMemorySessionStore newMemory = InMemorySessionStore.builder().build();
    private final InMemorySessionStore oldMemory = InMemorySessionStore.builder().build();
    private final Watched newStore = new Watched("new-store", newMemory);
    private final Watched oldStore = new Watched("old-store", oldMemory);
    private final MigratingSessionStore window = MigratingSessionStore.between(newStore, oldStore);

    @AfterEach
    void closeStores() {
        newMemory.close();
        oldMemory.close();
    }

    @Test
    void healthMergesBothStoresWithTheOldOnesEntriesPrefixed() {
        newStore.health = new StoreHealth(true, Duration.ofMillis(5), List.of("slow replica"), Map.of("version", "8.0"));
        oldStore.health = new StoreHealth(true, Duration.ofMillis(7), List.of("expiry events off"), Map.of("version", "7.2"));
        SessionData session = inOld();
        window.load(session.id(), now, 60_000);

        StoreHealth health = window.health();

        assertTrue(health.reachable());
        assertEquals(Duration.ofMillis(12), health.latency());
        assertEquals(List.of("slow replica", "old store (migrate.from): expiry events off"), health.warnings());
        assertEquals(Map.of("version", "8.0", "migrate.from.version", "7.2", "migrate.migrated", "1"), health.details());
    }

    @Test
    void anUnreachableOldStoreMakesTheWindowUnreachable() {
        oldStore.health = StoreHealth.down(Duration.ofSeconds(1), "connection refused");

        StoreHealth health = window.health();

        assertFalse(health.reachable());
        assertEquals(List.of("old store (migrate.from): connection refused"), health.warnings());
    }

    @Test
    void anUnreachableNewStoreMakesTheWindowUnreachable() {
        newStore.health = StoreHealth.down(Duration.ofSeconds(1), "connection refused");

        assertFalse(window.health().reachable());
    }

    @Test
    void startStartsBothStoresWithTheContext() {
        StoreContext context = new StoreContext(Duration.ofHours(8), id -> { });

        window.start(context);

        assertSame(context, newStore.startedWith);
        assertSame(context, oldStore.startedWith);
    }

    @Test
    void aFailedStartOfTheOldStoreClosesTheStartedNewStore() {
        oldStore.failStart = new SessionStoreUnavailableException("old store down", null);

        assertSame(oldStore.failStart, assertThrows(SessionStoreUnavailableException.class, () -> window.start(StoreContext.NONE)));
        assertTrue(newStore.closed);
    }

    @Test
    void aNewStoreThatFailsToCloseAfterAFailedStartIsReportedAsSuppressed() {
        oldStore.failStart = new SessionStoreUnavailableException("old store down", null);
        newStore.failClose = new IllegalStateException("cannot close");

        RuntimeException thrown = assertThrows(SessionStoreUnavailableException.class, () -> window.start(StoreContext.NONE));

        assertSame(oldStore.failStart, thrown);
        assertArrayEquals(new Throwable[] {newStore.failClose}, thrown.getSuppressed());
    }

    @Test
    void closeClosesBothStores() {
        window.close();

        assertTrue(oldStore.closed);
        assertTrue(newStore.closed);
    }

    @Test
    void closeClosesTheNewStoreEvenWhenTheOldOneFails() {
        oldStore.failClose = new IllegalStateException("cannot close");

        assertSame(oldStore.failClose, assertThrows(IllegalStateException.class, window::close));
        assertTrue(newStore.closed);
    }

    @Test
    void closeClosesTheOldStoreEvenWhenTheNewOneFails() {
        newStore.failClose = new IllegalStateException("cannot close");

        assertSame(newStore.failClose, assertThrows(IllegalStateException.class, window::close));
        assertTrue(oldStore.closed);
    }

    @Test
    void toStringNamesBothStores() {
        assertEquals("migration from old-store to new-store", window.toString());
    }

    @Test
    void aNewStoreWithoutAdminGivesTheWindowNone() {
        newStore.hasAdmin = false;
        inOld();

        assertEquals(Optional.empty(), window.admin());
    }

    @Test
    void anOldStoreWithoutAdminLeavesTheNewStoresAdminAndNoCountOfWhatIsLeft() {
        oldStore.hasAdmin = false;
        inOld();
        SessionData inNew = session();
        newMemory.save(inNew, everything(inNew));

        assertEquals(1, window.admin().orElseThrow().count());
        assertEquals(OptionalLong.empty(), window.leftInOldStore());
    }

    @Test
    void aRotationRemovesACopyAnInterruptedMoveLeftInTheOldStore() {
        SessionData session = inOld();
        newMemory.save(session, everything(session)); // inserted, then the instance died before deleting the old copy

        assertTrue(window.rotate(session.id(), SessionIds.rotated(session.id()), now));

        assertFalse(oldMemory.load(session.id(), now, Long.MAX_VALUE).isFound());
    }

    @Test
    void aRotationThatFindsNoSessionInTheNewStoreLeavesTheOldStoreAlone() {
        SessionData session = inOld();

        assertFalse(window.rotate(session.id(), SessionIds.rotated(session.id()), now));

        assertTrue(oldMemory.load(session.id(), now, Long.MAX_VALUE).isFound());
    }

    @Test
    void deleteRemovesACopyFromBothStores() {
        SessionData session = inOld();
        newMemory.save(session, everything(session));

        assertTrue(window.delete(session.id(), now));

        assertNull(newMemory.load(session.id(), now, Long.MAX_VALUE).live());
        assertNull(oldMemory.load(session.id(), now, Long.MAX_VALUE).live());
    }

    @Test
    void aSessionAnotherInstanceMovedFirstIsTakenFromTheNewStoreAndNotCounted() {
        SessionData session = inOld();
        SessionData movedByTheOther = new SessionData(session.id(), session.creationTime(), now, 1800, "alice",
                Map.of("cart", "\"books\"".getBytes(StandardCharsets.UTF_8)));
        // Right after this instance has read the old store, another one moves the session and changes it.
        SessionStore oldBehindTheOther = new ForwardingSessionStore(oldMemory) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                LoadResult read = super.load(token, now, touchAfterMillis);
                newMemory.save(movedByTheOther, everything(movedByTheOther));
                oldMemory.delete(token, now);
                return read;
            }
        };
        MigratingSessionStore slow = MigratingSessionStore.between(newMemory, oldBehindTheOther);

        assertEquals(movedByTheOther, slow.load(session.id(), now, 60_000).live());
        assertEquals(0, slow.migrated());
    }

    private SessionData inOld() {
        SessionData session = session();
        assertEquals(session.id(), oldMemory.save(session, everything(session)));
        return session;
    }

    private SessionData session() {
        return new SessionData(SessionIds.newId(), now - 5_000, now - 1_000, 1800, "alice",
                Map.of("cart", "\"book\"".getBytes(StandardCharsets.UTF_8)));
    }

    private static SessionChanges everything(SessionData session) {
        return new SessionChanges(true, session.attributes().keySet(), Set.of(), true);
    }

    /** A store over an in-memory one whose health, admin, start and close a test sets and watches. */
    private static final class Watched extends ForwardingSessionStore {

        private final String name;
        StoreHealth health = StoreHealth.up(Duration.ZERO);
        boolean hasAdmin = true;
        RuntimeException failStart;
        RuntimeException failClose;
        StoreContext startedWith;
        boolean closed;

        Watched(String name, InMemorySessionStore memory) {
            super(memory);
            this.name = name;
        }

        @Override
        public StoreHealth health() {
            return health;
        }

        @Override
        public Optional<SessionAdmin> admin() {
            return hasAdmin ? super.admin() : Optional.empty();
        }

        @Override
        public void start(StoreContext context) {
            if (failStart != null) {
                throw failStart;
            }
            startedWith = context;
        }

        @Override
        public void close() {
            closed = true;
            if (failClose != null) {
                throw failClose;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
