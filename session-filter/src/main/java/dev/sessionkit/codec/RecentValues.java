package dev.sessionkit.codec;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Values of small attributes decoded recently, when their type is immutable (strings, boxed primitives), so
 * every request that reads the same stored bytes shares one value instead of parsing the JSON again:
 * {@link #SLOTS} slots, each value in the slot of its bytes' hash, a newer value replacing an older one. A
 * hit needs the very bytes (compared with a copy kept of them), and a mutable value is never kept, since
 * each request must get its own. Thread-safe.
 */
final class RecentValues {

    /** Slots in the table; at most this many values are kept. */
    static final int SLOTS = 1024;
    /** Longer encodings are not kept: they would hold too much memory for what they save. */
    static final int MAX_BYTES = 256;

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class);

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /**
     * @param bytes an attribute's encoding
     * @return the value kept for exactly these bytes, or null
     */
    Object get(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return null;
        }
        Entry entry = slots.getAcquire(slot(bytes));
        return entry != null && Arrays.equals(entry.bytes, bytes) ? entry.value : null;
    }

    /**
     * Keeps a value just decoded, when it is small and immutable.
     *
     * @param bytes its encoding
     * @param value the value decoded from it, possibly null
     */
    void offer(byte[] bytes, Object value) {
        if (value != null && bytes.length <= MAX_BYTES && IMMUTABLE.contains(value.getClass())) {
            slots.setRelease(slot(bytes), new Entry(bytes.clone(), value));
        }
    }

    private static int slot(byte[] bytes) {
        int hash = Arrays.hashCode(bytes);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private record Entry(byte[] bytes, Object value) {
    }
}
