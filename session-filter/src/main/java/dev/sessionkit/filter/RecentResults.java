package dev.sessionkit.filter;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed number of recent results of a pure function of a string, so a request that repeats an input
 * skips the work (an HMAC): {@link #SLOTS} slots, each input in the slot of its hash, a newer input
 * replacing an older one there. A hit is an exact, whole-string match of an input that was put, so an
 * input that differs in one character is computed afresh. Thread-safe: each slot holds one immutable
 * entry, read and replaced whole.
 */
final class RecentResults {

    /** Slots in the table; at most this many results are kept. */
    static final int SLOTS = 4096;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /**
     * @param input an input, never null
     * @return the result put for exactly this input and still kept, else null
     */
    String get(String input) {
        Entry entry = slots.getAcquire(slot(input));
        return entry != null && entry.input.equals(input) ? entry.result : null;
    }

    /**
     * @param input  an input, never null
     * @param result what the function gives for it, never null
     */
    void put(String input, String result) {
        slots.setRelease(slot(input), new Entry(input, result));
    }

    /** @return how many results are kept now */
    int size() {
        int kept = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slots.getAcquire(i) != null) {
                kept++;
            }
        }
        return kept;
    }

    private static int slot(String input) {
        int hash = input.hashCode();
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private record Entry(String input, String result) {
    }
}
