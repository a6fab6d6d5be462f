package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-user index: for each principal the sorted set {@code <prefix>u:<principal>} of its session IDs,
 * scored by login time. It serves "sessions of a user", "log out everywhere" and the per-user cap; a login
 * beyond the cap deletes the user's oldest logins. Without a cap, IDs of ended sessions are dropped once
 * the index grows past {@value #PRUNE_THRESHOLD}. Thread-safe.
 */
final class UserIndex {

    /** With no per-user cap, an index that reaches this many IDs is checked for ended sessions on the next login. */
    private static final int PRUNE_THRESHOLD = 32;

    private final UnifiedJedis client;
    private final Keys keys;
    private final RedisErrors errors;
    private final SessionReader reader;
    private final SessionDeleter deleter;
    private final int maxSessionsPerUser;
    private final LongSupplier absoluteTimeoutMillis;

    UserIndex(UnifiedJedis client, Keys keys, RedisErrors errors, SessionReader reader, SessionDeleter deleter,
              int maxSessionsPerUser, LongSupplier absoluteTimeoutMillis) {
        this.client = client;
        this.keys = keys;
        this.errors = errors;
        this.reader = reader;
        this.deleter = deleter;
        this.maxSessionsPerUser = maxSessionsPerUser;
        this.absoluteTimeoutMillis = absoluteTimeoutMillis;
    }

    /**
     * Adds a session to its user's index, then keeps the index in bounds.
     *
     * @param replaces the ID the session had before a rotation, or null
     */
    void add(String principal, String id, String replaces, long now) {
        String index = keys.userIndex(principal);
        long size = errors.write(() -> IndexScript.run(client, index, now, absoluteTimeoutMillis.getAsLong(), id, replaces));
        int limit = maxSessionsPerUser > 0 ? maxSessionsPerUser : PRUNE_THRESHOLD;
        if (size <= limit) {
            return;
        }
        List<SessionData> sessions = live(principal);
        if (maxSessionsPerUser > 0) {
            int excess = sessions.size() - maxSessionsPerUser;
            for (SessionData oldest : sessions) {
                if (excess <= 0) {
                    break;
                }
                if (!oldest.id().equals(id) && deleter.delete(oldest.id(), principal)) {
                    excess--;
                }
            }
        }
    }

    /** Takes a session out of its user's index. */
    void remove(String principal, String id) {
        remove(client, keys, errors, principal, id);
    }

    static void remove(UnifiedJedis client, Keys keys, RedisErrors errors, String principal, String id) {
        errors.write(() -> client.zrem(keys.userIndex(principal), id));
    }

    /** A user's live sessions, oldest login first; drops ended sessions' IDs from the index. */
    List<SessionData> live(String principal) {
        String index = keys.userIndex(principal);
        List<Tuple> members = errors.read(() -> client.zrangeWithScores(index, 0, -1));
        if (members.isEmpty()) {
            return List.of();
        }
        Map<String, SessionData> found = reader.fetch(members.stream().map(Tuple::getElement).toList());
        List<SessionData> live = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        for (Tuple member : members) {
            SessionData session = found.get(member.getElement());
            if (session != null && principal.equals(session.principal())) {
                live.add(session);
            } else {
                ended.add(member.getElement());
            }
        }
        if (!ended.isEmpty()) {
            errors.write(() -> client.zrem(index, ended.toArray(String[]::new)));
        }
        return live;
    }
}
