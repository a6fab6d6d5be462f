package dev.sessionkit.bench.scale;

import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many sessions expiring within one minute: how fast the expiry listener hears them (each expiry event is
 * one call of the listener on the subscription's thread, plus the session cap's ZREM), how far it falls
 * behind Redis, and Redis' memory while it happens. The sessions are saved by the store, then their time to
 * live is set with PEXPIRE so that they expire evenly over 60 s, starting {@value #LEAD_MILLIS} ms later.
 */
final class ExpiryStorm {

    private static final long LEAD_MILLIS = 10_000;
    private static final long SPREAD_MILLIS = 60_000;
    private static final long SAMPLE_MILLIS = 1_000;
    private static final long GIVE_UP_MILLIS = 240_000;

    /** One reading, {@code seconds} after the first expiry was due. */
    record Sample(double seconds, long due, long expiredByRedis, long heard, long usedMemory) {
        long backlog() {
            return due - heard;
        }
    }

    record Result(int sessions, List<Sample> samples, double fillSeconds, long memoryBefore, long memoryAfter,
                  double lastHeardSeconds, double peakHeardPerSecond, long maxBacklog) {
    }

    private ExpiryStorm() {
    }

    static Result run(RedisServer redis, int sessions) throws Exception {
        redis.flushAll();
        AtomicLong heard = new AtomicLong();
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).maxSessions(sessions * 2L)
                .expiryEvents(true).configureKeyspaceNotifications(true).build();
        store.start(new StoreContext(Duration.ZERO, id -> heard.incrementAndGet()));
        try {
            long fillStart = System.nanoTime();
            List<String> ids = ScaleSessions.fill(store, sessions, 3600);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            long memoryBefore = RedisInfo.usedMemory(redis);
            long expiredBefore = RedisInfo.expiredKeys(redis);
            long firstDue = System.currentTimeMillis() + LEAD_MILLIS;
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = 0; i < ids.size(); i++) {
                    pipeline.pexpireAt(RedisScale.key(ids.get(i)), firstDue + SPREAD_MILLIS * i / ids.size());
                }
                pipeline.sync();
            }
            List<Sample> samples = new ArrayList<>();
            double lastHeard = Double.NaN;
            long previousHeard = 0;
            double peakRate = 0;
            long maxBacklog = 0;
            while (System.currentTimeMillis() < firstDue + GIVE_UP_MILLIS) {
                Thread.sleep(SAMPLE_MILLIS);
                long now = System.currentTimeMillis();
                long due = Math.max(0, Math.min(sessions, (now - firstDue) * sessions / SPREAD_MILLIS + 1));
                if (now < firstDue) {
                    due = 0;
                }
                long heardNow = heard.get();
                Sample sample = new Sample((now - firstDue) / 1000.0, due, RedisInfo.expiredKeys(redis) - expiredBefore,
                        heardNow, RedisInfo.usedMemory(redis));
                samples.add(sample);
                peakRate = Math.max(peakRate, (heardNow - previousHeard) * 1000.0 / SAMPLE_MILLIS);
                previousHeard = heardNow;
                maxBacklog = Math.max(maxBacklog, sample.backlog());
                if (heardNow >= sessions) {
                    lastHeard = sample.seconds();
                    break;
                }
            }
            return new Result(sessions, samples, fillSeconds, memoryBefore, RedisInfo.usedMemory(redis), lastHeard,
                    peakRate, maxBacklog);
        } finally {
            store.close();
        }
    }
}
