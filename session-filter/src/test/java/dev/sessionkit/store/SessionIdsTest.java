package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdsTest {

    @Test
    void idsAreUrlSafeAndCarry256FreshBits() {
        String id = SessionIds.newId();
        assertEquals(SessionIds.LENGTH, id.length());
        assertTrue(SessionIds.isWellFormed(id));
        // 43 base64url characters after the lineage encode 32 random bytes.
        assertEquals(43, id.length() - SessionIds.LINEAGE_LENGTH);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(SessionIds.newId()));
        }
    }

    @Test
    void rotationKeepsTheLineageAndReplacesTheRest() {
        String id = SessionIds.newId();
        String rotated = SessionIds.rotated(id);
        assertEquals(SessionIds.lineage(id), SessionIds.lineage(rotated));
        assertNotEquals(id.substring(SessionIds.LINEAGE_LENGTH), rotated.substring(SessionIds.LINEAGE_LENGTH));
    }

    @Test
    void malformedCandidatesAreRecognised() {
        assertFalse(SessionIds.isWellFormed(null));
        assertFalse(SessionIds.isWellFormed(""));
        assertFalse(SessionIds.isWellFormed("a".repeat(50)));
        assertFalse(SessionIds.isWellFormed("a".repeat(50) + "="));
        assertFalse(SessionIds.isWellFormed("a".repeat(50) + "é"));
    }
}
