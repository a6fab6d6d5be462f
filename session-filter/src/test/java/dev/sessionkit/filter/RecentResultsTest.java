package dev.sessionkit.filter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentResultsTest {

    @Test
    void onlyTheExactInputHits() {
        RecentResults results = new RecentResults();
        // "Aa" and "BB" share a hash code, and so a slot.
        results.put("Aa", "result of Aa");
        assertEquals("result of Aa", results.get(new String("Aa".toCharArray())));
        assertNull(results.get("BB"));
        assertNull(results.get("Aa "));
    }

    @Test
    void keepsAtMostItsSlots() {
        RecentResults results = new RecentResults();
        for (int i = 0; i < 4 * RecentResults.SLOTS; i++) {
            results.put("input " + i, "result " + i);
        }
        int kept = results.size();
        assertTrue(kept <= RecentResults.SLOTS && kept > RecentResults.SLOTS / 2, "kept " + kept);
        assertEquals("result " + (4 * RecentResults.SLOTS - 1), results.get("input " + (4 * RecentResults.SLOTS - 1)),
                "the newest input is kept");
    }
}
