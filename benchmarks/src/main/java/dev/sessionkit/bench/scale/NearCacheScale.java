package dev.sessionkit.bench.scale;

import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The near cache in front of many sessions: the heap it takes (bounded by its size, whatever Redis holds)
 * and its hit rate, counted from the HGETALLs Redis executed. Reads go 90 % to a hot set and 10 % to any
 * session, then all to any session.
 */
final class NearCacheScale {

    static final int CACHE_SIZE = 10_000;
    static final int HOT_SESSIONS = 5_000;
    private static final int READS = 200_000;

    /**
     * @param heapBytes    used heap after full GCs with the cache full, less before the store was built
     * @param hotHitRate   the hit rate of the 90 % hot mix
     * @param uniformHitRate the hit rate of reads spread evenly over every session
     */
    record Result(int sessions, long heapBytes, double hotHitRate, double uniformHitRate) {
    }

    private NearCacheScale() {
    }

    /** @param ids the sessions Redis holds, from {@link RedisScale} */
    static Result run(RedisServer redis, List<String> ids) throws Exception {
        long before = ScaleSessions.usedHeapAfterGc();
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).maxSessions(ids.size() * 2L)
                .expiryEvents(false).configureKeyspaceNotifications(true).nearCache(CACHE_SIZE)
                .nearCacheMaxAge(Duration.ofMinutes(10)).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        try {
            awaitServing(redis, store, ids.get(0));
            Random random = new Random(7);
            int hotSessions = Math.min(HOT_SESSIONS, ids.size());
            double hot = hitRate(redis, store, () -> random.nextInt(10) < 9
                    ? ids.get(random.nextInt(hotSessions)) : ids.get(random.nextInt(ids.size())));
            long heap = ScaleSessions.usedHeapAfterGc() - before;
            double uniform = hitRate(redis, store, () -> ids.get(random.nextInt(ids.size())));
            return new Result(ids.size(), heap, hot, uniform);
        } finally {
            store.close();
        }
    }

    private static double hitRate(RedisServer redis, RedisSessionStore store, Supplier<String> next) {
        redis.resetStats();
        long now = System.currentTimeMillis();
        for (int i = 0; i < READS; i++) {
            store.load(next.get(), now, Long.MAX_VALUE);
        }
        long fromRedis = redis.commandStats().getOrDefault("hgetall", 0L);
        return 1.0 - fromRedis / (double) READS;
    }

    /** Waits until a second read of a session costs no HGETALL: the subscription stands and the setting is confirmed. */
    private static void awaitServing(RedisServer redis, RedisSessionStore store, String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            redis.resetStats();
            store.load(id, System.currentTimeMillis(), Long.MAX_VALUE);
            store.load(id, System.currentTimeMillis(), Long.MAX_VALUE);
            if (redis.commandStats().getOrDefault("hgetall", 0L) <= 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the near cache never started serving");
    }
}
