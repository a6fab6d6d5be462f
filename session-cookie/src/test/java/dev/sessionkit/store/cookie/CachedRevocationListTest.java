package dev.sessionkit.store.cookie;

import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationList.Revoked;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lookup cache: how stale it may be, and what it never hides. */
class CachedRevocationListTest {

    private static final long T = 1_750_000_000_000L;
    private static final long EXPIRES = T + 3_600_000;

    private final InMemoryRevocationList shared = new InMemoryRevocationList(100);
    private final CachedRevocationList cached = new CachedRevocationList(shared, 1000);

    @Test
    void anotherServersRevocationIsSeenOnceTheCachedAnswerIsOlderThanTheMaxAge() {
        assertEquals(Revoked.NONE, cached.lookup("AAAAAAAA", "alice", T));
        shared.revokeLineage("AAAAAAAA", RevocationList.FOREVER, EXPIRES); // through another server

        assertEquals(Revoked.NONE, cached.lookup("AAAAAAAA", "alice", T + 999), "stale for at most the max age");
        assertEquals(RevocationList.FOREVER, cached.lookup("AAAAAAAA", "alice", T + 1000).lineageIssuedBefore());
    }

    @Test
    void aLineageRevokedThroughThisServerIsSeenAtOnce() {
        cached.lookup("AAAAAAAA", null, T);
        cached.lookup("AAAAAAAA", "alice", T);

        cached.revokeLineage("AAAAAAAA", RevocationList.FOREVER, EXPIRES);

        assertEquals(RevocationList.FOREVER, cached.lookup("AAAAAAAA", null, T + 1).lineageIssuedBefore());
        assertEquals(RevocationList.FOREVER, cached.lookup("AAAAAAAA", "alice", T + 1).lineageIssuedBefore());
    }

    @Test
    void aPrincipalRevokedThroughThisServerIsSeenAtOnce() {
        cached.lookup("AAAAAAAA", "alice", T);

        cached.revokePrincipal("alice", 42, EXPIRES);

        assertEquals(42, cached.lookup("AAAAAAAA", "alice", T + 1).principalIssuedBefore());
    }

    @Test
    void anAnonymousAnswerIsNotTakenForAUserNamedNull() {
        shared.revokePrincipal("null", 42, EXPIRES);

        assertEquals(0, cached.lookup("AAAAAAAA", null, T).principalIssuedBefore());
        assertEquals(42, cached.lookup("AAAAAAAA", "null", T).principalIssuedBefore());
    }

    @Test
    void aClockThatStepsBackDoesNotExtendAnAnswer() {
        cached.lookup("AAAAAAAA", null, T);
        shared.revokeLineage("AAAAAAAA", RevocationList.FOREVER, EXPIRES);

        assertEquals(RevocationList.FOREVER, cached.lookup("AAAAAAAA", null, T - 1).lineageIssuedBefore());
    }
}
