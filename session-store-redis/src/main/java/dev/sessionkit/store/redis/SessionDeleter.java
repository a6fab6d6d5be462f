package dev.sessionkit.store.redis;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

import java.util.function.Consumer;

/**
 * Deletes sessions and takes them out of the per-user index and, with a session cap, the cap's set: two
 * round trips (the delete script, then the index updates, pipelined when both apply). Thread-safe.
 */
final class SessionDeleter {

    private final UnifiedJedis client;
    private final Keys keys;
    private final RedisErrors errors;
    private final boolean capped;
    private final Consumer<String> changed;

    /**
     * @param capped  whether the session cap keeps its set of IDs
     * @param changed told the ID of each session whose key a delete ran on, whether or not it succeeded
     */
    SessionDeleter(UnifiedJedis client, Keys keys, RedisErrors errors, boolean capped, Consumer<String> changed) {
        this.client = client;
        this.keys = keys;
        this.errors = errors;
        this.capped = capped;
        this.changed = changed;
    }

    /**
     * Deletes a session and unindexes it.
     *
     * @param requiredPrincipal delete only a session of this user; null for any session
     * @return whether a session was deleted
     */
    boolean delete(String id, String requiredPrincipal) {
        String owner = deleteKey(id, requiredPrincipal);
        if (owner == null) {
            return false;
        }
        if (capped && !owner.isEmpty()) {
            errors.write(() -> {
                // Replies unread: a user index of another type fails only its own ZREM, and is left for the
                // user's next login to replace (UserIndex).
                try (AbstractPipeline pipeline = client.pipelined()) {
                    pipeline.zrem(keys.userIndex(owner), id);
                    pipeline.zrem(keys.tenantSet(), id);
                    pipeline.sync();
                }
                return null;
            });
        } else if (capped) {
            errors.write(() -> client.zrem(keys.tenantSet(), id));
        } else if (!owner.isEmpty()) {
            UserIndex.remove(client, keys, errors, owner, id);
        }
        return true;
    }

    /**
     * Deletes a session's key only, leaving the indexes to the caller.
     *
     * @param requiredPrincipal delete only a session of this user; null for any session
     * @return the principal it had ("" for none), or null when nothing was deleted
     */
    String deleteKey(String id, String requiredPrincipal) {
        try {
            return errors.write(() -> DeleteScript.run(client, keys.sessionBytes(id), requiredPrincipal));
        } finally {
            changed.accept(id);
        }
    }
}
