package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.util.List;

/** {@code unlock.lua}: deletes a session's lock if the given owner still holds it. */
final class UnlockScript {

    private static final Script SCRIPT = Script.load("unlock.lua");

    private UnlockScript() {
    }

    /**
     * @return true when the lock was released; false when the owner no longer held it
     */
    static boolean run(UnifiedJedis client, byte[] lockKey, String owner) {
        Object reply = SCRIPT.run(client, List.of(lockKey), new Script.Args().add(owner).list());
        return reply instanceof Long released && released == 1L;
    }
}
