package dev.sessionkit.store.cookie;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import static dev.sessionkit.store.cookie.Fixtures.CODEC;
import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the admin view keeps of a logged-in cookie session, within {@link SessionRecord#MAX_CHARS}. */
class SessionRecordTest {

    private static final String ID = SessionIds.newId();

    private static SessionData session(String principal, String attributeName) {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        attributes.put(SessionInfo.DETAILS_ATTRIBUTE, CODEC.encode(SessionInfo.DETAILS_ATTRIBUTE, Map.of("ip", "192.0.2.1")));
        attributes.put(attributeName, CODEC.encode(attributeName, "secret value"));
        return new SessionData(ID, NOW, NOW, 1800, principal, attributes);
    }

    /**
     * Lengthens the principal one character at a time around the limit.
     *
     * @return the length of the longest record that still keeps what {@code kept} looks for
     */
    private static int longestKeeping(IntFunction<SessionData> withPrincipalOf, Predicate<SessionInfo> kept) {
        int base = SessionRecord.describe(withPrincipalOf.apply(1), 42).length();
        int longest = 0;
        for (int length = SessionRecord.MAX_CHARS - base - 20; length < SessionRecord.MAX_CHARS - base + 20; length++) {
            String record = SessionRecord.describe(withPrincipalOf.apply(length), 42);
            SessionRecord read = SessionRecord.read(record);
            assertEquals(42, read.issuedAt());
            assertTrue(record.length() <= SessionRecord.MAX_CHARS, record.length() + " characters");
            if (kept.test(read.info())) {
                longest = Math.max(longest, record.length());
            }
        }
        return longest;
    }

    @Test
    void attributeNamesAreKeptInARecordOfUpToExactlyTheLimit() {
        int longest = longestKeeping(n -> session("p".repeat(n), "cart"), info -> info.attributeNames().contains("cart"));

        assertEquals(SessionRecord.MAX_CHARS, longest);
    }

    @Test
    void loginDetailsAreKeptInARecordOfUpToExactlyTheLimit() {
        String hugeName = "n".repeat(SessionRecord.MAX_CHARS);
        int longest = longestKeeping(n -> session("p".repeat(n), hugeName), info -> info.details().equals(Map.of("ip", "192.0.2.1")));

        assertEquals(SessionRecord.MAX_CHARS, longest);
    }

    @Test
    void aRecordKeepsNamesAndDetailsButNoValue() {
        String record = SessionRecord.describe(session("alice", "cart"), 42);

        SessionInfo info = SessionRecord.read(record).info();
        assertEquals(Set.of("cart", SessionInfo.DETAILS_ATTRIBUTE), info.attributeNames());
        assertEquals(Map.of("ip", "192.0.2.1"), info.details());
        assertFalse(record.contains("secret value"), record);
    }
}
