package dev.sessionkit.store.cookie;

import dev.sessionkit.store.ForwardingRevocationList;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationList.Revoked;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

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

    private final AtomicInteger lookups = new AtomicInteger();
    private final CachedRevocationList counted = new CachedRevocationList(new ForwardingRevocationList(shared) {
        @Override
        public Revoked lookup(String lineage, String principal, long now) {
            lookups.incrementAndGet();
            return super.lookup(lineage, principal, now);
        }
    }, 1000);

    @Test
    void aBurstWithinOneMillisecondCostsOneLookup() {
        counted.lookup("AAAAAAAA", "alice", T);
        counted.lookup("AAAAAAAA", "alice", T);

        assertEquals(1, lookups.get());
    }

    @Test
    void revokingALineageKeepsTheCachedAnswersOfOtherLineages() {
        counted.lookup("AAAAAAAA", "alice", T);
        counted.lookup("BBBBBBBB", "alice", T);

        counted.revokeLineage("AAAAAAAA", RevocationList.FOREVER, EXPIRES);
        counted.lookup("BBBBBBBB", "alice", T + 1);
        assertEquals(2, lookups.get());
        counted.lookup("AAAAAAAA", "alice", T + 1);
        assertEquals(3, lookups.get());
    }

    @Test
    void revokingAUserKeepsTheCachedAnswersOfOtherUsers() {
        counted.lookup("AAAAAAAA", "alice", T);
        counted.lookup("BBBBBBBB", "bob", T);

        counted.revokePrincipal("alice", 42, EXPIRES);
        counted.lookup("BBBBBBBB", "bob", T + 1);
        assertEquals(2, lookups.get());
        counted.lookup("AAAAAAAA", "alice", T + 1);
        assertEquals(3, lookups.get());
    }

    @Test
    void aFullCacheStartsAfreshAtTheNextNewAnswer() {
        for (int i = 0; i < CachedRevocationList.MAX_ENTRIES; i++) {
            counted.lookup("L" + i, null, T);
        }
        counted.lookup("L0", null, T + 1);
        assertEquals(CachedRevocationList.MAX_ENTRIES, lookups.get(), "full, and still answering");

        counted.lookup("new", null, T + 1);
        counted.lookup("L0", null, T + 1);
        assertEquals(CachedRevocationList.MAX_ENTRIES + 2, lookups.get(), "emptied for the new answer");
        counted.lookup("new", null, T + 1);
        assertEquals(CachedRevocationList.MAX_ENTRIES + 2, lookups.get(), "the new answer is kept");
    }
}
