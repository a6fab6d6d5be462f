package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.util.List;

/** {@code unlock.lua}: deletes a session's lock if the given owner still holds it. */
final class UnlockScript {

    private static final Script SCRIPT = Script.load("unlock.lua");

    private UnlockScript() {
    }

    /** Leaves a lock that another owner holds now (this one's expired) alone. */
    static void run(UnifiedJedis client, byte[] lockKey, String owner) {
        SCRIPT.run(client, List.of(lockKey), new Script.Args().add(owner).list());
    }
}
