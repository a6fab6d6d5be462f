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
 * Configures a {@link RedisSessionStore}. Not thread-safe; build once. Choose where Redis is with exactly
 * one of {@link #client}, {@link #uri}, {@link #cluster} or {@link #sentinel}.
 */
public final class RedisSessionStoreBuilder {
    UnifiedJedis client;
    URI uri;
    Set<HostAndPort> clusterNodes;
    String sentinelMaster;
    Set<HostAndPort> sentinels;
    String user;
    String password;
    boolean tls;
    String keyPrefix = "sessionkit:";
    Duration timeout = Duration.ofSeconds(2);
    int poolSize = 16;
    int maxSessionsPerUser;
    long maxSessions = RedisSessionStore.DEFAULT_MAX_SESSIONS;
    boolean expiryEvents = true;
    boolean configureKeyspaceNotifications;
    int nearCacheSize;
    Duration nearCacheMaxAge = Duration.ofSeconds(5);

    RedisSessionStoreBuilder() {
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
    public RedisSessionStoreBuilder client(UnifiedJedis client) {
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
    public RedisSessionStoreBuilder uri(String uri) {
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
    public RedisSessionStoreBuilder cluster(Set<HostAndPort> nodes) {
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
    public RedisSessionStoreBuilder sentinel(String master, Set<HostAndPort> sentinels) {
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
    public RedisSessionStoreBuilder credentials(String user, String password) {
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
    public RedisSessionStoreBuilder tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /**
     * @param prefix start of every key this store writes; default {@code sessionkit:}. Applications
     *               sharing a Redis server must use distinct prefixes. No braces: they would take the
     *               place of the Cluster hash tag.
     * @return this builder
     */
    public RedisSessionStoreBuilder keyPrefix(String prefix) {
        new Keys(Objects.requireNonNull(prefix, "prefix"));
        this.keyPrefix = prefix;
        return this;
    }

    /**
     * @param timeout connect and read timeout, and the longest wait for a pooled connection; default 2 s
     * @return this builder
     */
    public RedisSessionStoreBuilder timeout(Duration timeout) {
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
    public RedisSessionStoreBuilder poolSize(int size) {
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
    public RedisSessionStoreBuilder maxSessionsPerUser(int max) {
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
    public RedisSessionStoreBuilder maxSessions(long max) {
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
    public RedisSessionStoreBuilder expiryEvents(boolean enabled) {
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
    public RedisSessionStoreBuilder configureKeyspaceNotifications(boolean configure) {
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
    public RedisSessionStoreBuilder nearCache(int maxSessions) {
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
    public RedisSessionStoreBuilder nearCacheMaxAge(Duration maxAge) {
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
        RedisClients.Built built = connect();
        return new RedisSessionStore(this, built.client(), true, built.endpoint());
    }

    /** @return a client for the URI, Cluster or Sentinel this builder names */
    RedisClients.Built connect() {
        return RedisClients.build(new RedisClients.Settings(uri, clusterNodes, sentinelMaster,
                sentinels, user, password, tls, timeout, poolSize));
    }
}
