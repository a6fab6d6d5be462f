package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionLocks;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sessions in Redis, through one Jedis {@link UnifiedJedis}: standalone, Sentinel and Cluster alike.
 *
 * <h2>Round trips</h2>
 * A read is one plain HGETALL; every write to one session is a single Lua script (EVALSHA), so it is
 * atomic and costs one round trip. A read-only request costs 1, plus 1 when the access-time touch and TTL
 * refresh is due (at most once per touch interval per session: a small script that re-checks the session
 * still exists, so a touch never resurrects one); a request that changes the session 2 (read, then save
 * the delta); a new session 1 (save). Reading with a plain command rather than a script costs Redis about
 * a tenth of the CPU (1.8 µs against 15.7 µs per read measured). With the opt-in
 * {@linkplain RedisSessionStoreBuilder#nearCache near cache} a repeat read costs none until the session changes. Only
 * changes to the per-user index cost more: a login, logout or rotation of a logged-in session, or a
 * delete of one, adds one command on the user's index key, which on Cluster lives in another slot than
 * the session. The session cap, when on, costs more too (see below); when off it costs nothing.
 *
 * <h2>Guarantees</h2>
 * All of {@link SessionStore}'s: a save writes only the attributes the request changed (HSET/HDEL), so
 * concurrent requests changing different attributes both survive; a save never recreates a session that
 * was deleted, rotated away or expired; a new session never overwrites an existing key; rotation is one
 * atomic RENAME (both IDs share their lineage, the Cluster hash tag, so both keys share a slot).
 * Each key expires after the session's idle timeout, never later than its creation plus the absolute
 * timeout of the {@link StoreContext}.
 *
 * <h2>Errors</h2>
 * When Redis cannot be reached, times out, or refuses service (loading, read-only replica, out of
 * memory, cluster down), methods throw {@link SessionStoreUnavailableException} naming the endpoint;
 * scripts are atomic, so nothing was half written. The client's pool reconnects on its own, so the store
 * works again as soon as Redis is back. Stored data that cannot be read (missing or non-numeric metadata,
 * a key of another type) is treated as no session and logged once per kind of problem.
 *
 * <p>How the {@linkplain RedisSessionStoreBuilder#maxSessions session cap} and {@linkplain RedisSessionStoreBuilder#expiryEvents expiry events}
 * work, and what they cost, is in the {@linkplain dev.sessionkit.store.redis package description}.
 *
 * <p>Thread-safe. Create it with {@link #builder()}; {@link #close()} stops the subscription and closes
 * the client if the store created it.
 */
public final class RedisSessionStore implements SessionStore, SessionAdmin {

    /** Default of {@link RedisSessionStoreBuilder#maxSessions}: a bound on what anonymous sessions can fill, about 450 MB. */
    public static final long DEFAULT_MAX_SESSIONS = 1_000_000;

    private final UnifiedJedis client;
    private final boolean ownsClient;
    private final Keys keys;
    private final Nodes nodes;
    private final RedisErrors errors;
    private final SessionOperations operations;
    /** Null when the session cap is off. */
    private final SessionCap cap;
    private final RedisAdmin admin;
    private final KeyspaceNotifications notifications;
    private final boolean expiryEvents;
    private final boolean configureNotifications;
    private final int nearCacheSize;
    private final long nearCacheMaxAgeMillis;
    private final RedisHealth health;
    private final RedisLocks locks;
    private volatile StoreContext context = StoreContext.NONE;
    private KeyspaceSubscriber subscriber;

    RedisSessionStore(RedisSessionStoreBuilder builder, UnifiedJedis client, boolean ownsClient, String endpoint) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.nodes = Nodes.of(client);
        this.errors = new RedisErrors(endpoint != null ? endpoint : nodes.describe());
        this.keys = new Keys(builder.keyPrefix);
        SessionReader reader = new SessionReader(client, keys, new SessionHash(errors.endpoint()), errors);
        SessionDeleter deleter = new SessionDeleter(client, keys, errors, builder.maxSessions > 0, this::forget);
        UserIndex userIndex = new UserIndex(client, keys, errors, reader, deleter, builder.maxSessionsPerUser, this::absoluteMillis);
        this.cap = builder.maxSessions > 0
                ? new SessionCap(client, keys, errors, deleter, userIndex, builder.maxSessions, this::absoluteMillis) : null;
        this.admin = new RedisAdmin(keys, nodes, errors, reader, userIndex, deleter);
        this.operations = new SessionOperations(client, keys, errors, reader, userIndex, cap, this::absoluteMillis);
        this.notifications = new KeyspaceNotifications(nodes, errors.endpoint(), builder.nearCacheSize > 0,
                builder.configureKeyspaceNotifications);
        this.expiryEvents = builder.expiryEvents;
        this.configureNotifications = builder.configureKeyspaceNotifications;
        this.nearCacheSize = builder.nearCacheSize;
        this.nearCacheMaxAgeMillis = builder.nearCacheMaxAge.toMillis();
        this.locks = new RedisLocks(client, keys, errors);
        this.health = new RedisHealth(nodes, errors.endpoint(), topology(client), notifications, builder.expiryEvents);
    }

    @SuppressWarnings("deprecation") // JedisSentineled is deprecated but still what many applications hand us
    private static String topology(UnifiedJedis client) {
        if (Nodes.of(client).isCluster()) {
            return "cluster";
        }
        return client instanceof RedisSentinelClient || client instanceof JedisSentineled ? "sentinel" : "standalone";
    }

    /**
     * @return a builder; choose exactly one of {@code client}, {@code uri}, {@code cluster} or {@code sentinel}
     */
    public static RedisSessionStoreBuilder builder() {
        return new RedisSessionStoreBuilder();
    }

    /**
     * Checks with one PING that Redis accepts the credentials and the TLS handshake (a refusal fails start
     * with what to change; a server that is down is only logged), records the absolute timeout and, unless disabled, starts listening for expiry events. Optionally
     * turns keyspace notifications on first; a server that refuses (managed Redis often disables CONFIG)
     * is logged with the manual step, and the store works on without expiry events.
     */
    @Override
    public synchronized void start(StoreContext context) {
        this.context = Objects.requireNonNull(context, "context");
        StartCheck.ping(client, errors.endpoint());
        if (configureNotifications) {
            notifications.configure();
        }
        if (expiryEvents) {
            notifications.warnIfExpiryEventsOff();
        }
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        // It serves only once each server's subscription stands and its setting is confirmed to announce every change.
        NearCache nearCache = nearCacheSize > 0 ? new NearCache(nearCacheSize, nearCacheMaxAgeMillis) : null;
        // On Cluster PUBLISH reaches other nodes out of order with their events: no markers there.
        WriteMarkers markers = nearCache != null && !nodes.isCluster() ? new WriteMarkers(keys) : null;
        operations.useNearCache(nearCache, markers);
        Consumer<String> listener = null;
        if (expiryEvents) {
            listener = context.expiryListener();
            if (cap != null) {
                listener = id -> {
                    cap.forgetExpired(id);
                    context.expiryListener().accept(id);
                };
            }
        }
        if (listener != null || nearCache != null) {
            subscriber = new KeyspaceSubscriber(nodes::all, nodes.isCluster(), keys, listener, nearCache, markers,
                    notifications, errors.endpoint());
        }
    }

    /**
     * @return absent for an ID that is not {@linkplain SessionIds#isWellFormed well formed}, unknown or
     *         unreadable; expired (and deleted) when idle-expired at {@code now}
     */
    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        return operations.load(token, now, touchAfterMillis);
    }

    /**
     * @throws IllegalArgumentException when the ID is not well formed, or {@code changes.set()} names an
     *                                  attribute the session does not hold
     */
    @Override
    public String save(SessionData session, SessionChanges changes) {
        return operations.save(session, changes);
    }

    /**
     * Saves the session as new, then sets its key's time-to-live to what is left of its lifetime at
     * {@code now}: a save counts the idle timeout from the moment of the save.
     *
     * @throws IllegalArgumentException when the ID is not well formed
     */
    @Override
    public boolean insert(SessionData session, long now) {
        return operations.insert(session, now);
    }

    /**
     * @throws IllegalArgumentException unless {@code newId} is a new ID of {@code oldId}'s lineage, as
     *                                  {@link SessionIds#rotated} gives it (so both keys share a Cluster slot),
     *                                  and not in use
     */
    @Override
    public boolean rotate(String oldId, String newId, long now) {
        return operations.rotate(oldId, newId, now);
    }

    @Override
    public boolean delete(String id, long now) {
        return admin.delete(id);
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return Optional.of(this);
    }

    /**
     * A string per locked session beside the session, set with {@code SET NX PX}, released by a script that
     * checks the owner: one round trip to take a free lock, one to release it.
     */
    @Override
    public Optional<SessionLocks> locks() {
        return Optional.of(locks);
    }

    /**
     * Counts session keys with SCAN over every master: exact when nothing changes meanwhile, and it reads
     * the whole keyspace, so it is meant for administration, not for every request. The session cap's set
     * is not used for this: it misses sessions written while the cap was off, and telling its live IDs from
     * ended ones would mean reading every session anyway.
     */
    @Override
    public long count() {
        return admin.count();
    }

    /** With the session cap on, one ZCARD of its set (see the README's Metrics for how exact); else {@link #count()}. */
    @Override
    public long approximateCount() {
        return cap != null ? cap.size() : count();
    }

    /**
     * Lists sessions with SCAN, master after master. As SCAN guarantees, a session that lives through the
     * whole listing appears in it; one created or deleted meanwhile may or may not, and one may appear twice
     * while Redis shrinks its table or the Cluster topology changes.
     */
    @Override
    public SessionPage list(String cursor, int limit) {
        return admin.list(cursor, limit);
    }

    /** Reads a session without recording an access. */
    @Override
    public Optional<SessionInfo> find(String id) {
        return admin.find(id);
    }

    @Override
    public boolean delete(String id) {
        return admin.delete(id);
    }

    /**
     * Lists a user's live sessions from the index, dropping from it the IDs of sessions that ended: three
     * round trips at most (the index, the sessions pipelined, the removal of ended ones).
     */
    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        return admin.sessionsOf(principal);
    }

    @Override
    public int deleteAllOf(String principal) {
        return admin.deleteAllOf(principal);
    }

    /**
     * A timed PING on every master (on Cluster each one; behind Sentinel the current master). Reachable
     * when every master answered; the latency is the slowest PING. Warnings: a master that did not answer,
     * and, with {@linkplain RedisSessionStoreBuilder#expiryEvents expiry events} on, a master whose
     * {@code notify-keyspace-events} lacks {@code Ex}. Details: {@code topology} (standalone, sentinel or
     * cluster), {@code endpoint} (never credentials), {@code masters} and the server {@code version}. Each
     * command is bounded by the store's timeout.
     */
    @Override
    public StoreHealth health() {
        return health.check();
    }

    /** @return whether reads can be served from the near cache now: it is on and every subscription stands */
    boolean isNearCacheServing() {
        NearCache cache = operations.nearCache();
        return cache != null && cache.isServing();
    }

    /** Stops listening for keyspace events, then closes the client if this store created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + errors.endpoint() + ", prefix=" + keys.prefix() + "]";
    }

    /** Tells the operations, which keep the near cache, that a delete ran on a session's key. */
    private void forget(String id) {
        operations.forget(id);
    }

    private long absoluteMillis() {
        return context.absoluteTimeout().toMillis();
    }
}
