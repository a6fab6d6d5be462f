package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionLocks;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-session locks in Redis: the string {@code <prefix>l:{<lineage>}} holds the owner's token, set with
 * {@code SET NX PX <expiry>} so a holder that never releases loses it after the expiry, and deleted by
 * {@code unlock.lua} only for its owner. The lineage is the session's Cluster hash tag, so the lock lives
 * in the session's slot. A waiter polls, 2 ms after the first refusal and twice as long after each,
 * 50 ms at most, until the wait ends: one round trip per poll, none while the lock is free. Thread-safe.
 */
final class RedisLocks implements SessionLocks {

    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final UnifiedJedis client;
    private final Keys keys;
    private final RedisErrors errors;

    RedisLocks(UnifiedJedis client, Keys keys, RedisErrors errors) {
        this.client = client;
        this.keys = keys;
        this.errors = errors;
    }

    @Override
    public boolean acquire(String lineage, String owner, Duration expiry, Duration wait) {
        byte[] key = keys.lock(lineage);
        SetParams once = SetParams.setParams().nx().px(expiry.toMillis());
        byte[] token = owner.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            if ("OK".equals(errors.write(() -> client.set(key, token, once)))) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    @Override
    public void release(String lineage, String owner) {
        errors.write(() -> UnlockScript.run(client, keys.lock(lineage), owner));
    }
}
