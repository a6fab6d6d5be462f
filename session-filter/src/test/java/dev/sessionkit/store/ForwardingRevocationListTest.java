package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A wrapper built on ForwardingRevocationList that overrides nothing passes every call and answer through. */
class ForwardingRevocationListTest {

    /** Records each call with its arguments, and answers with values no default would give. */
    private static final class RecordingList implements RevocationList {
        final List<String> calls = new ArrayList<>();
        final RevocationList.Revoked revoked = new RevocationList.Revoked(11, 22);
        final Map<String, String> sessions = Map.of("lineage1", "Firefox on Linux");
        final StoreHealth health = StoreHealth.down(Duration.ofMillis(7), "unreachable");

        @Override
        public Revoked lookup(String lineage, String principal, long now) {
            calls.add("lookup " + lineage + " " + principal + " " + now);
            return revoked;
        }

        @Override
        public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
            calls.add("revokeLineage " + lineage + " " + issuedBefore + " " + expiresAt);
        }

        @Override
        public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
            calls.add("revokePrincipal " + principal + " " + issuedBefore + " " + expiresAt);
        }

        @Override
        public void recordSession(String principal, String lineage, String description, long expiresAt) {
            calls.add("recordSession " + principal + " " + lineage + " " + description + " " + expiresAt);
        }

        @Override
        public Map<String, String> sessionsOf(String principal, long now) {
            calls.add("sessionsOf " + principal + " " + now);
            return sessions;
        }

        @Override
        public void forgetSessions(String principal, Iterable<String> lineages) {
            calls.add("forgetSessions " + principal + " " + lineages);
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public StoreHealth health() {
            calls.add("health");
            return health;
        }

        @Override
        public void close() {
            calls.add("close");
        }

        @Override
        public String toString() {
            return "recording list";
        }
    }

    private final RecordingList delegate = new RecordingList();
    private final RevocationList wrapper = new ForwardingRevocationList(delegate) { };

    @Test
    void everyCallReachesTheDelegateWithItsArguments() {
        wrapper.start();
        wrapper.revokeLineage("lin", 1, 2);
        wrapper.revokePrincipal("alice", 3, 4);
        wrapper.recordSession("alice", "lin", "phone", 5);
        wrapper.forgetSessions("alice", List.of("lin"));
        wrapper.close();
        assertEquals(List.of("start", "revokeLineage lin 1 2", "revokePrincipal alice 3 4",
                "recordSession alice lin phone 5", "forgetSessions alice [lin]", "close"), delegate.calls);
    }

    @Test
    void everyAnswerIsTheDelegates() {
        assertSame(delegate.revoked, wrapper.lookup("lin", "alice", 9));
        assertSame(delegate.sessions, wrapper.sessionsOf("alice", 10));
        assertSame(delegate.health, wrapper.health());
        assertEquals("recording list", wrapper.toString());
        assertEquals(List.of("lookup lin alice 9", "sessionsOf alice 10", "health"), delegate.calls);
    }

    @Test
    void aMissingDelegateIsRefusedAtConstruction() {
        assertThrows(NullPointerException.class, () -> new ForwardingRevocationList(null) { });
    }
}
