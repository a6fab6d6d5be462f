package dev.sessionkit.store.redis;

import java.util.function.Predicate;

/**
 * Chooses the near-cache entry that makes room for a new one: a CLOCK (second chance) over one slot per
 * entry. The hand sweeps the slots; an entry read since the hand last passed it is spared once, so sessions
 * read again and again stay while sessions read once make room. A slot whose entry was invalidated meanwhile
 * is free. Thread-safe: one lock, taken only when an entry is cached, which follows a round trip anyway.
 */
final class EvictionClock {

    private final String[] slots;
    private int hand;

    /** @param size the most entries the cache holds */
    EvictionClock(int size) {
        this.slots = new String[size];
    }

    /**
     * Gives a newly cached ID a slot.
     *
     * @param cached  whether an ID is still cached (invalidations free slots without telling the clock)
     * @param readAgain clears an ID's "read since cached or spared" mark and tells whether it was set
     * @return the ID whose entry must make room, or null when a slot was free
     */
    synchronized String admit(String id, Predicate<String> cached, Predicate<String> readAgain) {
        // After one full turn every mark is clear, so the second turn always finds a victim.
        for (int step = 0; step <= 2 * slots.length; step++) {
            String current = slots[hand];
            if (current != null && !current.equals(id) && cached.test(current) && readAgain.test(current)) {
                hand = (hand + 1) % slots.length;
                continue;
            }
            slots[hand] = id;
            hand = (hand + 1) % slots.length;
            return current == null || current.equals(id) || !cached.test(current) ? null : current;
        }
        throw new IllegalStateException("unreachable: a full turn clears every mark");
    }
}
