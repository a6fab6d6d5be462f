package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The in-memory revocation list's bounds and ordering; the cookie store's revocation through the filter is in session-cookie. */
class InMemoryRevocationListTest {

    @Test
    void aFullListForgetsExpiredEntriesToMakeRoom() {
        InMemoryRevocationList list = new InMemoryRevocationList(3);
        long past = System.currentTimeMillis() - 1;
        for (String lineage : List.of("AAAAAAAA", "BBBBBBBB", "CCCCCCCC")) {
            list.revokeLineage(lineage, RevocationList.FOREVER, past);
        }

        list.revokeLineage("DDDDDDDD", RevocationList.FOREVER, Long.MAX_VALUE);

        assertEquals(1, list.size());
    }

    @Test
    void aFullListOfLiveRevocationsRefusesAnotherRatherThanForgetOne() {
        InMemoryRevocationList list = new InMemoryRevocationList(2);
        list.revokeLineage("AAAAAAAA", RevocationList.FOREVER, Long.MAX_VALUE);
        list.revokePrincipal("alice", 5, Long.MAX_VALUE);

        assertThrows(SessionStoreUnavailableException.class, () -> list.revokeLineage("CCCCCCCC", 5, Long.MAX_VALUE));
        list.revokePrincipal("alice", 9, Long.MAX_VALUE); // an existing entry still moves
        assertEquals(2, list.size());
        assertEquals(9, list.lookup("AAAAAAAA", "alice", 0).principalIssuedBefore());
    }

    @Test
    void aFullListKeepsNoMoreSessionRecords() {
        InMemoryRevocationList list = new InMemoryRevocationList(2);
        list.recordSession("alice", "AAAAAAAA", "a", Long.MAX_VALUE);
        list.recordSession("bob", "BBBBBBBB", "b", Long.MAX_VALUE);

        list.recordSession("carol", "CCCCCCCC", "c", Long.MAX_VALUE);
        list.recordSession("alice", "AAAAAAAA", "a2", Long.MAX_VALUE);

        assertEquals(Map.of(), list.sessionsOf("carol", 0));
        assertEquals(Map.of("AAAAAAAA", "a2"), list.sessionsOf("alice", 0), "a known session is still refreshed");
    }

    @Test
    void aRevocationNeverMovesBack() {
        InMemoryRevocationList list = new InMemoryRevocationList(10);
        list.revokeLineage("AAAAAAAA", RevocationList.FOREVER, 100);
        list.revokeLineage("AAAAAAAA", 7, 50);

        assertEquals(RevocationList.FOREVER, list.lookup("AAAAAAAA", null, 99).lineageIssuedBefore());
    }
}
