package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
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
 * {@linkplain Builder#nearCache near cache} a repeat read costs none until the session changes. Only
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
 * <p>How the {@linkplain Builder#maxSessions session cap} and {@linkplain Builder#expiryEvents expiry events}
 * work, and what they cost, is in the {@linkplain dev.sessionkit.store.redis package description}.
 *
 * <p>Thread-safe. Create it with {@link #builder()}; {@link #close()} stops the subscription and closes
 * the client if the store created it.
 */
public final class RedisSessionStore implements SessionStore, SessionAdmin {

    /** Default of {@link Builder#maxSessions}: a bound on what anonymous sessions can fill, about 450 MB. */
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
    private volatile StoreContext context = StoreContext.NONE;
    private KeyspaceSubscriber subscriber;

    private RedisSessionStore(Builder builder, UnifiedJedis client, boolean ownsClient, String endpoint) {
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
    public static Builder builder() {
        return new Builder();
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
     * and, with {@linkplain Builder#expiryEvents expiry events} on, a master whose
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


    /**
     * Configures a {@link RedisSessionStore}. Not thread-safe; build once. Choose where Redis is with exactly
     * one of {@link #client}, {@link #uri}, {@link #cluster} or {@link #sentinel}.
     */
    public static final class Builder {
        private UnifiedJedis client;
        private URI uri;
        private Set<HostAndPort> clusterNodes;
        private String sentinelMaster;
        private Set<HostAndPort> sentinels;
        private String user;
        private String password;
        private boolean tls;
        private String keyPrefix = "sessionkit:";
        private Duration timeout = Duration.ofSeconds(2);
        private int poolSize = 16;
        private int maxSessionsPerUser;
        private long maxSessions = DEFAULT_MAX_SESSIONS;
        private boolean expiryEvents = true;
        private boolean configureKeyspaceNotifications;
        private int nearCacheSize;
        private Duration nearCacheMaxAge = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Uses a client the application made: {@code RedisClient}, {@code RedisSentinelClient},
         * {@code RedisClusterClient} (or the older {@code JedisPooled}, {@code JedisSentineled},
         * {@code JedisCluster}). The application keeps ownership: {@link RedisSessionStore#close()} leaves it
         * open. Timeouts and pool size are the client's own.
         *
         * @param client a client, not null
         * @return this builder
         */
        public Builder client(UnifiedJedis client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Connects to one server, or to a primary behind a load balancer or proxy.
         *
         * @param uri {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://...} for TLS
         * @return this builder
         * @throws IllegalArgumentException when the URI is not a redis or rediss URI with a host
         */
        public Builder uri(String uri) {
            URI parsed;
            try {
                parsed = new URI(Objects.requireNonNull(uri, "uri"));
            } catch (java.net.URISyntaxException e) {
                throw new SessionException("not a URI: " + e.getMessage());
            }
            if (!(JedisURIHelper.isRedisScheme(parsed) || JedisURIHelper.isRedisSSLScheme(parsed)) || parsed.getHost() == null) {
                throw new SessionException("must look like redis://host:6379 or rediss://host:6380, was '"
                        + parsed.getScheme() + "://" + parsed.getHost() + "...'");
            }
            this.uri = parsed;
            return this;
        }

        /**
         * Connects to a Redis Cluster; the client discovers the other nodes from these.
         *
         * @param nodes one or more nodes of the cluster
         * @return this builder
         */
        public Builder cluster(Set<HostAndPort> nodes) {
            if (nodes.isEmpty()) {
                throw new SessionException("cluster needs at least one node");
            }
            this.clusterNodes = Set.copyOf(nodes);
            return this;
        }

        /**
         * Connects to the primary that Redis Sentinel names, following failovers.
         *
         * @param master    the name the sentinels monitor the primary under
         * @param sentinels one or more sentinels
         * @return this builder
         */
        public Builder sentinel(String master, Set<HostAndPort> sentinels) {
            if (Objects.requireNonNull(master, "master").isBlank() || sentinels.isEmpty()) {
                throw new SessionException("sentinel needs a master name and at least one sentinel");
            }
            this.sentinelMaster = master;
            this.sentinels = Set.copyOf(sentinels);
            return this;
        }

        /**
         * ACL user and password for {@link #cluster} and {@link #sentinel} data nodes (a URI carries its own).
         *
         * @param user     the ACL user, or null for the default user
         * @param password the password, not null
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * TLS for {@link #cluster} and {@link #sentinel} (a URI says it with {@code rediss://}).
         *
         * @param tls true to connect with TLS, verified by the JVM's default trust store
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @param prefix start of every key this store writes; default {@code sessionkit:}. Applications
         *               sharing a Redis server must use distinct prefixes. No braces: they would take the
         *               place of the Cluster hash tag.
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            new Keys(Objects.requireNonNull(prefix, "prefix"));
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * @param timeout connect and read timeout, and the longest wait for a pooled connection; default 2 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new SessionException("timeout must be positive and under 24 days, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param size most connections per server for requests; default 16. One more per server is kept for
         *             expiry events.
         * @return this builder
         */
        public Builder poolSize(int size) {
            if (size <= 0) {
                throw new SessionException("poolSize must be positive, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * @param max most sessions one user may have; a login beyond it deletes that user's oldest logins.
         *            0 (the default) for no limit.
         * @return this builder
         */
        public Builder maxSessionsPerUser(int max) {
            if (max < 0) {
                throw new SessionException("maxSessionsPerUser must be 0 (no limit) or more, was " + max);
            }
            this.maxSessionsPerUser = max;
            return this;
        }

        /**
         * Caps the live sessions of this store's key prefix, however many application instances share it;
         * see the class description for how the cap is kept and what it costs. Give every instance of one
         * prefix the same cap.
         *
         * @param max most sessions of this prefix; a new session beyond it evicts one of a sample: an anonymous
         *            session (no principal) before any that holds a login, and among those the least recently
         *            used. {@value RedisSessionStore#DEFAULT_MAX_SESSIONS} by default; the cap costs a new
         *            session one more round trip. 0 for no cap, which costs nothing: no extra key or command.
         * @return this builder
         */
        public Builder maxSessions(long max) {
            if (max < 0) {
                throw new SessionException("maxSessions must be 0 (no limit) or more, was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * @param enabled subscribe to Redis' expired-key events from {@code start} on; default true
         * @return this builder
         */
        public Builder expiryEvents(boolean enabled) {
            this.expiryEvents = enabled;
            return this;
        }

        /**
         * @param configure on {@code start}, add {@code Ex} (with the near cache {@code EKghxe}) to each master's
         *                  {@code notify-keyspace-events} with CONFIG SET, and again whenever a server is
         *                  found without it (it does not survive a restart); default false (set it in
         *                  redis.conf instead)
         * @return this builder
         */
        public Builder configureKeyspaceNotifications(boolean configure) {
            this.configureKeyspaceNotifications = configure;
            return this;
        }

        /**
         * Keeps up to {@code maxSessions} recently read sessions in this JVM and serves reads of them with no
         * round trip, until Redis announces a change to their key. Off by default. What it costs:
         * <ul>
         *   <li>A change made by another instance (a save, a logout, "log out everywhere") reaches this
         *       instance's reads when its keyspace notification arrives, not at once (a p50 of 0.2 to 0.4 ms and
         *       a p99 of 7 to 31 ms measured on a loaded machine). This instance's own changes apply to its reads at
         *       once.</li>
         *   <li>Every master must announce changes: {@code notify-keyspace-events} must include {@code K},
         *       {@code g}, {@code h}, {@code x} and {@code e} (or {@code KA}). The store checks it on every
         *       subscription and every 2 s, and serves nothing until it is confirmed (with
         *       {@link #configureKeyspaceNotifications} it sets it again, say after a Redis restart). Redis
         *       then publishes an event for every write to any key, which costs it some CPU.</li>
         *   <li>One connection per master listens; while one is lost the cache serves nothing.</li>
         *   <li>An entry is served at most {@link #nearCacheMaxAge} after it was read, which bounds the harm
         *       of a notification lost without the connection failing. Cluster nodes that join are
         *       followed (see {@link RedisSessionStore}'s expiry events).</li>
         * </ul>
         *
         * @param maxSessions sessions kept, beyond which arbitrary ones make room; 0 turns the cache off
         * @return this builder
         */
        public Builder nearCache(int maxSessions) {
            if (maxSessions < 0) {
                throw new SessionException("redis.near-cache must not be negative, was " + maxSessions);
            }
            this.nearCacheSize = maxSessions;
            return this;
        }

        /**
         * @param maxAge longest a near-cached session is served after it was read from Redis; default 5 s
         * @return this builder
         */
        public Builder nearCacheMaxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new SessionException("redis.near-cache.max-age must be positive, was " + maxAge);
            }
            this.nearCacheMaxAge = maxAge;
            return this;
        }

        /**
         * @return the store; for {@code cluster} and {@code sentinel} the client has already asked for the
         *         topology
         * @throws IllegalStateException            when not exactly one of client, uri, cluster or sentinel
         *                                          was chosen, or credentials/TLS were set with client or uri
         * @throws SessionStoreUnavailableException when a Cluster or the sentinels cannot be reached
         */
        public RedisSessionStore build() {
            int targets = (client != null ? 1 : 0) + (uri != null ? 1 : 0) + (clusterNodes != null ? 1 : 0)
                    + (sentinelMaster != null ? 1 : 0);
            if (targets != 1) {
                throw new SessionException("Choose exactly one of client(...), uri(...), cluster(...) or sentinel(...)");
            }
            if ((client != null || uri != null) && (password != null || tls)) {
                throw new SessionException("credentials(...) and tls(...) apply to cluster(...) and sentinel(...);"
                        + " a URI carries its own (redis://user:password@host, rediss:// for TLS)");
            }
            if (client != null) {
                return new RedisSessionStore(this, client, false, null);
            }
            RedisClients.Built built = RedisClients.build(new RedisClients.Settings(uri, clusterNodes, sentinelMaster,
                    sentinels, user, password, tls, timeout, poolSize));
            return new RedisSessionStore(this, built.client(), true, built.endpoint());
        }
    }
}
