package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionLocks;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Per-session locks in Redis: the string {@code <prefix>l:{<lineage>}} holds the owner's token, set with
 * {@code SET NX PX <expiry>} so a holder that never releases loses it after the expiry, and deleted by
 * {@code unlock.lua} only for its owner. The lineage is the session's Cluster hash tag, so the lock lives
 * in the session's slot. A waiter polls ({@link SessionLocks#poll}): one round trip per attempt. Thread-safe.
 */
final class RedisLocks implements SessionLocks {

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
        return SessionLocks.poll(wait, () -> "OK".equals(errors.write(() -> client.set(key, token, once))));
    }

    @Override
    public void release(String lineage, String owner) {
        errors.write(() -> {
            UnlockScript.run(client, keys.lock(lineage), owner);
            return null;
        });
    }
}
