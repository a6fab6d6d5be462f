package dev.sessionkit.bench.scale;

import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The Redis store at one number of sessions: bytes per session in Redis, load and save latency, the admin
 * count (SCAN), the gauge's count (ZCARD) and a page of the listing. The sessions stay in Redis afterwards,
 * for the near-cache run.
 */
final class RedisScale {

    static final String PREFIX = "sessionkit:";
    private static final int LOADS = 20_000;
    private static final int SAVES = 5_000;
    private static final int MEMORY_SAMPLE = 200;

    /**
     * @param bytesPerSession   Redis' used_memory growth over the fill, divided by the sessions
     * @param hashBytes         MEMORY USAGE of a session hash, mean of a sample
     * @param capSetBytes       MEMORY USAGE of the session cap's set, divided by the sessions
     * @param fillSeconds       the fill, from {@link ScaleSessions#FILL_THREADS} threads
     */
    record Row(int sessions, double bytesPerSession, double hashBytes, double capSetBytes, double fillSeconds,
               Latencies load, Latencies save, double countMillis, double approximateCountMillis, double pageMillis,
               List<String> ids) {
    }

    private RedisScale() {
    }

    static Row measure(RedisServer redis, int sessions) throws Exception {
        redis.flushAll();
        long before = RedisInfo.usedMemory(redis);
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).maxSessions(sessions * 2L)
                .expiryEvents(false).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        try {
            long fillStart = System.nanoTime();
            List<String> ids = ScaleSessions.fill(store, sessions, 1800);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            long after = RedisInfo.usedMemory(redis);
            Random random = new Random(42);
            double hashBytes = 0;
            for (int i = 0; i < MEMORY_SAMPLE; i++) {
                hashBytes += RedisInfo.memoryUsage(redis, key(ids.get(random.nextInt(ids.size()))));
            }
            double capSet = RedisInfo.memoryUsage(redis, PREFIX + "all") / (double) sessions;

            Latencies load = ScaleSessions.loads(store, ids, LOADS, random);
            Latencies save = ScaleSessions.saves(store, ids, SAVES, random);
            double count = Latencies.medianMillis(store::count);
            double approximate = Latencies.medianMillis(store::approximateCount);
            double page = Latencies.medianMillis(() -> store.list(null, 100));
            return new Row(sessions, (after - before) / (double) sessions, hashBytes / MEMORY_SAMPLE, capSet, fillSeconds,
                    load, save, count, approximate, page, ids);
        } finally {
            store.close();
        }
    }

    /** The key of a session the raw store saved: {@code <prefix>s:{<lineage>}<rest>}. */
    static String key(String id) {
        return PREFIX + "s:{" + id.substring(0, SessionIds.LINEAGE_LENGTH) + "}" + id.substring(SessionIds.LINEAGE_LENGTH);
    }
}
