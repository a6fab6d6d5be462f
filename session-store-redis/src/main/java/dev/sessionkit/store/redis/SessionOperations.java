package dev.sessionkit.store.redis;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import redis.clients.jedis.UnifiedJedis;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@link dev.sessionkit.store.SessionStore} operations on one session: load (a plain HGETALL, or none
 * from the near cache, plus the touch script when due), save and rotate (one script each, then the indexes).
 * A save or touch that Redis acknowledged, with {@link WriteMarkers} on, updates the near-cache entry in
 * place; every other write to a session's key, and every failed one, drops it from the cache at once.
 * Thread-safe.
 */
final class SessionOperations {

    private static final System.Logger LOG = System.getLogger(SessionOperations.class.getName());

    private final UnifiedJedis client;
    private final Keys keys;
    private final RedisErrors errors;
    private final SessionReader reader;
    private final UserIndex userIndex;
    /** Null when the session cap is off. */
    private final SessionCap cap;
    private final LongSupplier absoluteTimeoutMillis;
    private volatile NearCache nearCache;
    private volatile WriteMarkers markers;

    SessionOperations(UnifiedJedis client, Keys keys, RedisErrors errors, SessionReader reader, UserIndex userIndex,
                      SessionCap cap, LongSupplier absoluteTimeoutMillis) {
        this.client = client;
        this.keys = keys;
        this.errors = errors;
        this.reader = reader;
        this.userIndex = userIndex;
        this.cap = cap;
        this.absoluteTimeoutMillis = absoluteTimeoutMillis;
    }

    /**
     * @param cache   the near cache to serve reads from from now on, or null for none
     * @param markers how this instance marks its own writes so its cache keeps them, or null for no marks
     */
    void useNearCache(NearCache cache, WriteMarkers markers) {
        this.markers = markers;
        this.nearCache = cache;
    }

    NearCache nearCache() {
        return nearCache;
    }

    /**
     * @return absent for an ID that is not {@linkplain SessionIds#isWellFormed well formed}, unknown or
     *         unreadable; expired (and deleted) when idle-expired at {@code now}
     */
    LoadResult load(String token, long now, long touchAfterMillis) {
        if (!SessionIds.isWellFormed(token)) {
            return LoadResult.ABSENT;
        }
        NearCache cache = nearCache;
        SessionData session = cache == null ? null : cache.get(token, now);
        if (session == null) {
            long stamp = cache == null ? 0 : cache.stamp(token);
            session = reader.read(token);
            if (session == null) {
                return rotatedRecently(token, now) ? LoadResult.ROTATED : LoadResult.ABSENT;
            }
            if (cache != null) {
                cache.put(session, stamp, now);
            }
        }
        if (session.isIdleExpired(now) || now - session.lastAccessedTime() >= touchAfterMillis) {
            long absolute = absoluteTimeoutMillis.getAsLong();
            TouchScript.Outcome touched = ownWrite(token,
                    marker -> errors.read(() -> TouchScript.run(client, keys.sessionBytes(token), now, absolute, marker)),
                    outcome -> outcome == TouchScript.Outcome.TOUCHED,
                    kept -> kept.update(token, cached -> AppliedWrite.touched(cached, now)));
            if (touched == TouchScript.Outcome.GONE) {
                return LoadResult.ABSENT;
            }
            if (touched == TouchScript.Outcome.EXPIRED) {
                return LoadResult.expired(session);
            }
        }
        return LoadResult.found(session);
    }

    /**
     * @throws IllegalArgumentException when the ID is not well formed, or {@code changes.set()} names an
     *                                  attribute the session does not hold
     */
    String save(SessionData session, SessionChanges changes) {
        String id = requireWellFormed(session.id());
        SaveScript.SaveArgs args = SessionHash.saveArgs(session, changes, absoluteTimeoutMillis.getAsLong());
        NearCache cache = nearCache;
        long stamp = cache == null ? 0 : cache.stamp(id);
        SaveScript.Result result = ownWrite(id,
                marker -> errors.write(() -> SaveScript.run(client, keys.sessionBytes(id), args, marker)),
                saved -> saved.status() == SaveScript.Status.SAVED,
                kept -> {
                    if (changes.isNew()) {
                        kept.put(AppliedWrite.created(session, changes), stamp, session.lastAccessedTime());
                    } else {
                        kept.update(id, cached -> AppliedWrite.saved(cached, session, changes));
                    }
                });
        if (result.status() == SaveScript.Status.TAKEN) {
            LOG.log(System.Logger.Level.WARNING,
                    "A new session's key already exists in " + errors.endpoint() + "; it was left as it was and the"
                    + " new session dropped. IDs are random, so this means the same new session was saved twice.");
        }
        if (result.status() != SaveScript.Status.SAVED) {
            return null;
        }
        String principal = session.principal();
        if (changes.isNew()) {
            if (principal != null) {
                userIndex.add(principal, id, null, session.lastAccessedTime());
            }
            if (cap != null) {
                // After the user index: a per-user cap's deletions leave the tenant fewer sessions to evict.
                cap.admit(id, session.creationTime(), null, session.lastAccessedTime());
            }
        } else if (changes.metadataChanged() && !Objects.equals(result.previousPrincipal(), principal)) {
            if (result.previousPrincipal() != null) {
                userIndex.remove(result.previousPrincipal(), id);
            }
            if (principal != null) {
                userIndex.add(principal, id, null, session.lastAccessedTime());
            }
        }
        return id;
    }

    /** Saves the session as new, then sets its key's time-to-live to what is left of its lifetime at {@code now}. */
    boolean insert(SessionData session, long now) {
        if (save(session, new SessionChanges(true, session.attributes().keySet(), Set.of(), true)) == null) {
            return false;
        }
        long left = Long.MAX_VALUE;
        if (session.maxInactiveSeconds() > 0) {
            left = session.lastAccessedTime() + session.maxInactiveSeconds() * 1000L - now;
        }
        long absolute = absoluteTimeoutMillis.getAsLong();
        if (absolute > 0) {
            left = Math.min(left, session.creationTime() + absolute - now);
        }
        if (left != Long.MAX_VALUE) {
            long ttl = Math.max(left, 1);
            errors.write(() -> client.pexpire(keys.sessionBytes(session.id()), ttl));
        }
        return true;
    }

    /**
     * @throws IllegalArgumentException unless {@code newId} is a new ID of {@code oldId}'s lineage, as
     *                                  {@link SessionIds#rotated} gives it (so both keys share a Cluster slot),
     *                                  and not in use
     */
    boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        RotateScript.Result moved = changing(oldId,
                () -> errors.write(() -> RotateScript.run(client, keys.sessionBytes(oldId), keys.sessionBytes(newId),
                        keys.rotationMarker(oldId), now, SessionStore.ROTATION_GRACE_MILLIS)));
        if (moved.status() == RotateScript.Status.GONE) {
            return false;
        }
        if (moved.status() == RotateScript.Status.TAKEN) {
            throw new IllegalArgumentException("The new session ID is already in use in " + errors.endpoint()
                    + ": create new IDs with SessionIds.rotated(oldId)");
        }
        if (moved.principal() != null) {
            userIndex.add(moved.principal(), newId, oldId, now);
        }
        if (cap != null) {
            cap.admit(newId, moved.created() != null ? moved.created() : now, oldId, now);
        }
        return true;
    }

    /** One more read, on a miss only: whether the ID was rotated away within the grace. */
    private boolean rotatedRecently(String id, long now) {
        byte[] at;
        try {
            at = errors.read(() -> client.get(keys.rotationMarker(id)));
        } catch (redis.clients.jedis.exceptions.JedisDataException foreign) {
            return false; // something else holds the marker's name: treat the ID as unknown
        }
        Long rotatedAt = at == null ? null : SessionHash.number(at);
        return rotatedAt != null && now - rotatedAt <= SessionStore.ROTATION_GRACE_MILLIS;
    }

    /**
     * Runs a marked write to one session's key. When Redis acknowledged it and {@code applies} says it wrote,
     * {@code keep} applies it to the near cache; otherwise (no markers, nothing written, or failed: it may
     * still have run) the session is dropped from the cache, since its own events invalidate nothing.
     */
    private <T> T ownWrite(String id, Function<WriteMarkers.Marker, T> write, Predicate<T> applies, Consumer<NearCache> keep) {
        NearCache cache = nearCache;
        WriteMarkers own = markers;
        boolean kept = false;
        try {
            T result = write.apply(own == null ? WriteMarkers.Marker.NONE : own.of(id));
            if (cache != null && own != null && applies.test(result)) {
                keep.accept(cache);
                kept = true;
            }
            return result;
        } finally {
            if (!kept) {
                forget(id);
            }
        }
    }

    /**
     * Runs an unmarked write to one session's key and, whether or not it succeeded, drops the session from
     * the near cache at once: this instance reads its own writes without waiting for the notification.
     */
    private <T> T changing(String id, Supplier<T> operation) {
        try {
            return operation.get();
        } finally {
            forget(id);
        }
    }

    /** Drops a session from the near cache: its key changed, or may have. */
    void forget(String id) {
        NearCache cache = nearCache;
        if (cache != null) {
            cache.invalidate(id);
        }
    }

    private static String requireWellFormed(String id) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("not a session ID from SessionIds (51 base64url characters)");
        }
        return id;
    }
}
