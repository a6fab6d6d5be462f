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

    @Test
    void aCapacityOfOneHoldsOneRevocationAndZeroIsRefused() {
        InMemoryRevocationList list = new InMemoryRevocationList(1);
        list.revokeLineage("AAAAAAAA", 5, Long.MAX_VALUE);

        assertEquals(5, list.lookup("AAAAAAAA", null, 0).lineageIssuedBefore());
        assertThrows(IllegalArgumentException.class, () -> new InMemoryRevocationList(0));
    }

    @Test
    void aRevocationLapsesAtItsExpiryInstant() {
        InMemoryRevocationList list = new InMemoryRevocationList(10);
        list.revokeLineage("AAAAAAAA", 5, 100);

        assertEquals(5, list.lookup("AAAAAAAA", null, 99).lineageIssuedBefore());
        assertEquals(0, list.lookup("AAAAAAAA", null, 100).lineageIssuedBefore());
    }

    @Test
    void aSessionRecordLapsesAtItsExpiryInstant() {
        InMemoryRevocationList list = new InMemoryRevocationList(10);
        list.recordSession("alice", "AAAAAAAA", "a", 100);

        assertEquals(Map.of("AAAAAAAA", "a"), list.sessionsOf("alice", 99));
        assertEquals(Map.of(), list.sessionsOf("alice", 100));
    }

    @Test
    void aFullListForgetsExpiredSessionRecordsToMakeRoom() {
        InMemoryRevocationList list = new InMemoryRevocationList(1);
        list.recordSession("alice", "AAAAAAAA", "a", System.currentTimeMillis() - 1);

        list.recordSession("bob", "BBBBBBBB", "b", Long.MAX_VALUE);

        assertEquals(Map.of("BBBBBBBB", "b"), list.sessionsOf("bob", 0));
    }

    @Test
    void forgettingExpiredSessionRecordsFreesOnlyTheirRoom() {
        InMemoryRevocationList list = new InMemoryRevocationList(2);
        list.recordSession("alice", "AAAAAAAA", "a", System.currentTimeMillis() - 1);
        list.recordSession("alice", "AAAAAAA2", "a2", Long.MAX_VALUE);

        list.recordSession("bob", "BBBBBBBB", "b", Long.MAX_VALUE); // takes the expired record's room
        list.recordSession("carol", "CCCCCCCC", "c", Long.MAX_VALUE); // finds none left

        assertEquals(Map.of("BBBBBBBB", "b"), list.sessionsOf("bob", 0));
        assertEquals(Map.of(), list.sessionsOf("carol", 0));
    }

    @Test
    void forgetSessionsRemovesOnlyTheNamedRecordsAndFreesTheirRoom() {
        InMemoryRevocationList list = new InMemoryRevocationList(2);
        list.recordSession("alice", "AAAAAAAA", "a", Long.MAX_VALUE);
        list.recordSession("alice", "AAAAAAA2", "a2", Long.MAX_VALUE);

        list.forgetSessions("alice", List.of("AAAAAAAA"));
        list.recordSession("bob", "BBBBBBBB", "b", Long.MAX_VALUE);
        list.recordSession("carol", "CCCCCCCC", "c", Long.MAX_VALUE);

        assertEquals(Map.of("AAAAAAA2", "a2"), list.sessionsOf("alice", 0));
        assertEquals(Map.of("BBBBBBBB", "b"), list.sessionsOf("bob", 0), "the forgotten record's room is free");
        assertEquals(Map.of(), list.sessionsOf("carol", 0), "only the one record's room is free");
    }

    @Test
    void forgetSessionsOfAPrincipalWithNoRecordsChangesNothing() {
        InMemoryRevocationList list = new InMemoryRevocationList(1);
        list.recordSession("alice", "AAAAAAAA", "a", Long.MAX_VALUE);

        list.forgetSessions("bob", List.of("AAAAAAAA"));

        assertEquals(Map.of("AAAAAAAA", "a"), list.sessionsOf("alice", 0));
    }

    @Test
    void toStringShowsTheCapacity() {
        assertEquals("InMemoryRevocationList[capacity=7]", new InMemoryRevocationList(7).toString());
    }
}
