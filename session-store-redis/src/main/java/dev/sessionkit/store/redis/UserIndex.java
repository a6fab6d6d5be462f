package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionData;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-user index: for each principal the sorted set {@code <prefix>u:<principal>} of its session IDs,
 * scored by login time. It serves "sessions of a user", "log out everywhere" and the per-user cap; a login
 * beyond the cap deletes the user's oldest logins. Without a cap, IDs of ended sessions are dropped each
 * time a login brings the index to {@value #PRUNE_THRESHOLD} IDs or a power of two above: reading every
 * session of the user at each such login costs a login O(1) reads amortised, where pruning at every login
 * past the threshold cost one user with 10,000 sessions 10,000 reads per login.
 *
 * <p>An index key of another type (written by something else under this store's prefix) never fails a
 * request: a login replaces it with a new index, logged as a WARNING naming the key; until then reads
 * treat it as empty and removals skip it. Thread-safe.
 */
final class UserIndex {

    /** With no per-user cap, an index is checked for ended sessions when a login brings it to this many IDs, or to a power of two above. */
    private static final int PRUNE_THRESHOLD = 32;
    private static final System.Logger LOG = System.getLogger(UserIndex.class.getName());

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
        IndexScript.Result result = errors.write(
                () -> IndexScript.run(client, index, now, absoluteTimeoutMillis.getAsLong(), id, replaces));
        if (result.foreignType() != null) {
            LOG.log(System.Logger.Level.WARNING, "The per-user index " + index + " in " + errors.endpoint() + " was a "
                    + result.foreignType() + ", not a sorted set; it was deleted and rebuilt with this login. The"
                    + " user's earlier sessions live on but are no longer listed, logged out everywhere or counted"
                    + " for the per-user cap. Is something else writing under the key prefix?");
        }
        if (maxSessionsPerUser > 0 ? result.size() <= maxSessionsPerUser : !isPruneDue(result.size())) {
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

    /** Whether an uncapped index of this size is pruned now: at the threshold and at each doubling. */
    static boolean isPruneDue(long size) {
        return size >= PRUNE_THRESHOLD && Long.bitCount(size) == 1;
    }

    /** Takes a session out of its user's index. */
    void remove(String principal, String id) {
        remove(client, keys, errors, principal, id);
    }

    static void remove(UnifiedJedis client, Keys keys, RedisErrors errors, String principal, String id) {
        String index = keys.userIndex(principal);
        try {
            client.zrem(index, id);
        } catch (JedisException e) {
            if (!RedisErrors.isWrongType(e)) {
                throw errors.translate(e);
            }
            foreign(index, errors);
        }
    }

    /** A user's live sessions, oldest login first; drops ended sessions' IDs from the index. */
    List<SessionData> live(String principal) {
        String index = keys.userIndex(principal);
        List<Tuple> members;
        try {
            members = errors.read(() -> client.zrangeWithScores(index, 0, -1));
        } catch (SessionException e) {
            if (!(e.getCause() instanceof JedisException cause) || !RedisErrors.isWrongType(cause)) {
                throw e;
            }
            foreign(index, errors);
            return List.of();
        }
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

    private static void foreign(String index, RedisErrors errors) {
        LOG.log(System.Logger.Level.WARNING, "The per-user index " + index + " in " + errors.endpoint()
                + " is not a sorted set; it is treated as empty until the user's next login replaces it."
                + " Is something else writing under the key prefix?");
    }
}
