package dev.sessionkit.store.cookie;

import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.testing.CookieClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Revocation with the in-memory list, in embedded Jetty (the list's own bounds: session-filter's {@code InMemoryRevocationListTest}). */
class MemoryRevocationTest extends RevocationFilterContract {

    @Test
    void aLogoutEntryLastsExactlyTheAbsoluteTimeout() {
        CookieClient browser = loggedIn("alice");
        String lineage = sessionId(browser).substring(0, 8);
        long before = System.currentTimeMillis();
        get(browser, "/s/invalidate");
        long after = System.currentTimeMillis();

        assertEquals(RevocationList.FOREVER, memory().lookup(lineage, null, after + ABSOLUTE.toMillis() - (after - before) - 1)
                .lineageIssuedBefore(), "kept until the absolute timeout ends");
        assertEquals(0, memory().lookup(lineage, null, after + ABSOLUTE.toMillis()).lineageIssuedBefore(), "gone after it");
    }
}
