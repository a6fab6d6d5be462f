package dev.sessionkit.bench.scale;

import dev.sessionkit.store.InMemorySessionStore;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/** The in-memory store at one number of sessions: heap per session, load and save latency, count and a page. */
final class HeapScale {

    private static final int LOADS = 100_000;
    private static final int SAVES = 20_000;

    /** @param bytesPerSession used heap after full GCs, growth over the fill divided by the sessions */
    record Row(int sessions, double bytesPerSession, Latencies load, Latencies save, double countMillis, double pageMillis) {
    }

    private HeapScale() {
    }

    static Row measure(int sessions) throws Exception {
        long before = ScaleSessions.usedHeapAfterGc();
        InMemorySessionStore store = InMemorySessionStore.builder().maxSessions(sessions * 2)
                .sweepInterval(Duration.ofHours(1)).build();
        try {
            List<String> ids = ScaleSessions.fill(store, sessions, 1800);
            // The ID list is the harness's, not the store's: measured apart and taken off.
            long withIds = ScaleSessions.usedHeapAfterGc();
            long idBytes = idListBytes(ids.size());
            Random random = new Random(42);
            Latencies load = ScaleSessions.loads(store, ids, LOADS, random);
            Latencies save = ScaleSessions.saves(store, ids, SAVES, random);
            double count = Latencies.medianMillis(store::count);
            double page = Latencies.medianMillis(() -> store.list(null, 100));
            return new Row(sessions, (withIds - before - idBytes) / (double) sessions, load, save, count, page);
        } finally {
            store.close();
        }
    }

    /** Heap of an ArrayList of that many 51-character ID strings (compact Latin-1 strings, 64-bit compressed oops). */
    private static long idListBytes(int count) {
        long string = 24 + 16 + 56; // String object, byte[] header, 51 bytes rounded to 8
        return count * (string + 4) + 16;
    }
}
