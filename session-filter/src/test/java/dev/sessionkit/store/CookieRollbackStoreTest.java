package dev.sessionkit.store;

import dev.sessionkit.SessionException;
import dev.sessionkit.testapp.TokenCookieStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A migration window into the cookie store (the rollback): the store side of it. */
class CookieRollbackStoreTest {

    private final SessionStore old = InMemorySessionStore.builder().build();
    private final long now = System.currentTimeMillis();

    private SessionData inOld() {
        SessionData session = new SessionData(SessionIds.newId(), now, now, 1800, "alice",
                Map.of("cart", "\"book\"".getBytes(StandardCharsets.UTF_8)));
        old.save(session, new SessionChanges(true, Set.of("cart"), Set.of(), true));
        return session;
    }

    @Test
    void aWindowIntoTheCookieStoreIsItselfClientSide() {
        assertInstanceOf(ClientSideStore.class, MigratingSessionStore.between(new TokenCookieStore(), old));
    }

    @Test
    void adoptMovesTheSessionOutOfTheOldStoreOnceAndCountsIt() {
        SessionData session = inOld();
        MigratingSessionStore window = MigratingSessionStore.between(new TokenCookieStore(), old);

        SessionData moved = window.adopt(session.id(), now, 60_000).live();

        assertEquals(session.id(), moved.id());
        assertEquals("alice", moved.principal());
        assertArrayEquals(session.attributes().get("cart"), moved.attributes().get("cart"));
        assertFalse(old.load(session.id(), now, Long.MAX_VALUE).isFound(), "deleted from the old store");
        assertFalse(window.adopt(session.id(), now, 60_000).isFound(), "a second claim gets nothing");
        assertEquals(1, window.migrated());
        assertEquals(OptionalLong.of(0), window.leftInOldStore());
    }

    @Test
    void loadOpensOnlyTheCookieNeverTheOldStore() {
        SessionData session = inOld();
        MigratingSessionStore window = MigratingSessionStore.between(new TokenCookieStore(), old);

        assertFalse(window.load(session.id(), now, 60_000).isFound());
        assertTrue(old.load(session.id(), now, Long.MAX_VALUE).isFound(), "left where it was");
    }

    @Test
    void adminIsTheOldStoresForTheSessionsNotYetMoved() {
        inOld();
        MigratingSessionStore window = MigratingSessionStore.between(new TokenCookieStore(), old);

        assertEquals(1, window.admin().orElseThrow().count());
        assertEquals(1, window.admin().orElseThrow().deleteAllOf("alice"));
        assertEquals(0, old.admin().orElseThrow().count());
    }

    @Test
    void theOldStoreOfARollbackMustBeServerSide() {
        SessionException e = assertThrows(SessionException.class,
                () -> MigratingSessionStore.between(new TokenCookieStore(), new TokenCookieStore()));
        assertTrue(e.getMessage().contains("server-side old store"), e.getMessage());
    }
}
