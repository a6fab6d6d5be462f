package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionIds;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The session cap of one key prefix (tenant): its session IDs in the sorted set {@code <prefix>all},
 * scored by creation time, and eviction of the least recently used session of a sample when a new session
 * is beyond the cap. {@link RedisSessionStore} describes the costs and races. Thread-safe.
 */
final class SessionCap {

    private static final System.Logger LOG = System.getLogger(SessionCap.class.getName());
    /** Sessions sampled, when a new one is beyond the session cap, for the least recently used to evict. */
    private static final int EVICTION_SAMPLE = 16;
    private static final byte[] ACCESSED = Keys.ACCESSED.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRINCIPAL = Keys.PRINCIPAL.getBytes(StandardCharsets.UTF_8);

    private final UnifiedJedis client;
    private final Keys keys;
    private final RedisErrors errors;
    private final SessionDeleter deleter;
    private final UserIndex userIndex;
    private final long maxSessions;
    private final LongSupplier absoluteTimeoutMillis;
    private final AtomicBoolean capReached = new AtomicBoolean();
    private final AtomicBoolean expiryFailureReported = new AtomicBoolean();

    SessionCap(UnifiedJedis client, Keys keys, RedisErrors errors, SessionDeleter deleter, UserIndex userIndex,
               long maxSessions, LongSupplier absoluteTimeoutMillis) {
        this.client = client;
        this.keys = keys;
        this.errors = errors;
        this.deleter = deleter;
        this.userIndex = userIndex;
        this.maxSessions = maxSessions;
        this.absoluteTimeoutMillis = absoluteTimeoutMillis;
    }

    /**
     * Puts a new or rotated session in the tenant's set, and for a new one beyond the cap evicts the least
     * recently used session of the sample the set names.
     *
     * @param replaces the ID a rotated session had, or null for a new session
     */
    void admit(String id, long created, String replaces, long now) {
        TenantScript.AdmitArgs admit = new TenantScript.AdmitArgs(now, absoluteTimeoutMillis.getAsLong(), id, created,
                replaces, replaces == null ? maxSessions : 0, EVICTION_SAMPLE,
                ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
        List<String> sample = errors.write(() -> TenantScript.run(client, keys.tenantSet(), admit));
        if (!sample.isEmpty()) {
            evict(id, sample);
        }
    }

    /** @return how many IDs the tenant's set holds: one ZCARD, whatever the number */
    long size() {
        return errors.read(() -> client.zcard(keys.tenantSet()));
    }

    /** Drops an expired session from the tenant's set; a failure only leaves it for a sample to find. */
    void forgetExpired(String id) {
        try {
            client.zrem(keys.tenantSet(), id);
        } catch (JedisException e) {
            if (expiryFailureReported.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "Could not drop an expired session from " + keys.tenantSet()
                        + " in " + errors.endpoint() + " (" + e.getMessage() + "); such IDs are dropped when a new"
                        + " session beyond the cap samples them. Further failures are not logged.");
            }
        }
    }

    /**
     * Drops the sample's ended sessions from the tenant's set, then deletes its least recently used live
     * sessions for as long as the set is over the cap. The new session itself is never a candidate.
     */
    private void evict(String newId, List<String> sample) {
        List<String> ended = new ArrayList<>();
        List<String> wellFormed = new ArrayList<>();
        for (String id : sample) {
            if (!SessionIds.isWellFormed(id)) {
                ended.add(id); // not this store's: it can name no session
            } else if (!id.equals(newId)) {
                wellFormed.add(id);
            }
        }
        Map<String, Candidate> found = candidates(wellFormed);
        List<String> candidates = new ArrayList<>();
        for (String id : wellFormed) {
            (found.containsKey(id) ? candidates : ended).add(id);
        }
        // Anonymous sessions go before signed-in ones, then the least recently used; stable, so ties stay oldest first.
        candidates.sort(Comparator.comparing((String id) -> found.get(id).signedIn())
                .thenComparingLong(id -> found.get(id).accessed()));
        List<String> claimed = errors.write(() -> ClaimScript.run(client, keys.tenantSet(), maxSessions, ended, candidates));
        if (!claimed.isEmpty() && capReached.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "The sessions of prefix '" + keys.prefix() + "' in " + errors.endpoint()
                    + " reached the cap of " + maxSessions + ": each new session now evicts the least recently"
                    + " used of a sample. Logged once.");
        }
        for (String id : claimed) {
            String owner = deleter.deleteKey(id, null);
            if (owner != null && !owner.isEmpty()) {
                userIndex.remove(owner, id);
            }
        }
    }

    /** What eviction weighs of a session: whether it holds a login, and its last access. */
    private record Candidate(boolean signedIn, long accessed) {
    }

    /** Each session's login and last access, without touching it, in one pipeline; sessions that cannot be read are left out. */
    private Map<String, Candidate> candidates(List<String> ids) {
        Map<String, Response<List<byte[]>>> replies = new LinkedHashMap<>();
        errors.read(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (String id : ids) {
                    replies.put(id, pipeline.hmget(keys.sessionBytes(id), ACCESSED, PRINCIPAL));
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, Candidate> accessed = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            try {
                List<byte[]> fields = reply.get();
                Long time = fields.get(0) == null ? null : SessionHash.number(fields.get(0));
                if (time != null) {
                    accessed.put(id, new Candidate(fields.get(1) != null && fields.get(1).length > 0, time));
                }
            } catch (JedisDataException wrongType) {
                // Not a hash: load treats it as no session, and so does the cap.
            }
        });
        return accessed;
    }
}
