package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import redis.clients.jedis.HostAndPort;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates a {@link RedisSessionStore} for the init-param {@code store=redis}. Reads:
 * <ul>
 *   <li>where Redis is, exactly one of: {@code redis.uri} ({@code redis://[user:password@]host:port[/db]},
 *       {@code rediss://} for TLS); {@code redis.cluster} (comma-separated {@code host:port} of cluster
 *       nodes); {@code redis.sentinel.master} with {@code redis.sentinels} (comma-separated {@code host:port});</li>
 *   <li>for cluster and sentinel: {@code redis.user}, {@code redis.password}, {@code redis.tls};</li>
 *   <li>{@code redis.prefix}, {@code redis.timeout} (a duration such as {@code 2s} or {@code PT0.5S}),
 *       {@code redis.pool-size}, {@code redis.max-sessions}, {@code redis.max-sessions-per-user},
 *       {@code redis.expiry-events} and {@code redis.configure-keyspace-notifications} (true or false),
 *       {@code redis.near-cache} (sessions kept in the JVM, 0 = off) and {@code redis.near-cache.max-age}.</li>
 * </ul>
 * A missing or wrong parameter is a {@link SessionException} naming it.
 */
public final class RedisSessionStoreProvider implements SessionStoreProvider {

    /** Where Redis is and how to reach it; the revocation list reads these too. */
    static final Set<String> CONNECTION_PARAMETERS = Set.of("redis.uri", "redis.cluster", "redis.sentinel.master",
            "redis.sentinels", "redis.user", "redis.password", "redis.tls", "redis.prefix", "redis.timeout",
            "redis.pool-size");

    private static final Set<String> PARAMETERS = Stream.concat(CONNECTION_PARAMETERS.stream(),
            Stream.of("redis.max-sessions", "redis.max-sessions-per-user", "redis.expiry-events",
                    "redis.configure-keyspace-notifications", "redis.near-cache", "redis.near-cache.max-age"))
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        RedisSessionStoreBuilder builder = connection(params, "store=redis");
        params.integer("redis.max-sessions", max -> builder.maxSessions(max));
        params.integer("redis.max-sessions-per-user", builder::maxSessionsPerUser);
        params.bool("redis.expiry-events", builder::expiryEvents);
        params.bool("redis.configure-keyspace-notifications", builder::configureKeyspaceNotifications);
        params.integer("redis.near-cache", builder::nearCache);
        params.duration("redis.near-cache.max-age", builder::nearCacheMaxAge);
        return builder.build();
    }

    /**
     * Reads where Redis is and how to reach it: {@link #CONNECTION_PARAMETERS}.
     *
     * @param needer who needs Redis, for messages ({@code store=redis})
     */
    static RedisSessionStoreBuilder connection(InitParams params, String needer) {
        RedisSessionStoreBuilder builder = RedisSessionStore.builder();
        String uri = params.get("redis.uri");
        String cluster = params.get("redis.cluster");
        String master = params.get("redis.sentinel.master");
        String sentinels = params.get("redis.sentinels");
        int chosen = (uri != null ? 1 : 0) + (cluster != null ? 1 : 0) + (master != null || sentinels != null ? 1 : 0);
        if (chosen != 1) {
            throw new SessionException(needer + " needs exactly one of redis.uri, redis.cluster, or"
                    + " redis.sentinel.master with redis.sentinels; " + (chosen == 0 ? "none is set" : "several are set"));
        }
        if (uri != null) {
            params.string("redis.uri", builder::uri);
        } else if (cluster != null) {
            builder.cluster(hosts("redis.cluster", params.list("redis.cluster")));
        } else {
            if (master == null || sentinels == null) {
                throw new SessionException(master == null
                        ? "redis.sentinels is set but redis.sentinel.master, the name of the monitored master, is not"
                        : "redis.sentinel.master is set but redis.sentinels, the sentinels' host:port list, is not");
            }
            builder.sentinel(master, hosts("redis.sentinels", params.list("redis.sentinels")));
        }
        String password = params.get("redis.password");
        String user = params.get("redis.user");
        if (password != null || user != null) {
            if (uri != null) {
                throw new SessionException("redis.user and redis.password apply to redis.cluster and redis.sentinels;"
                        + " put them in redis.uri instead (redis://user:password@host:port)");
            }
            if (password == null) {
                throw new SessionException("redis.user is set but redis.password is not");
            }
            builder.credentials(user, password);
        }
        if (uri != null && params.get("redis.tls") != null) {
            throw new SessionException("redis.tls applies to redis.cluster and redis.sentinels; use a rediss:// redis.uri instead");
        }
        params.bool("redis.tls", builder::tls);
        params.string("redis.prefix", builder::keyPrefix);
        params.duration("redis.timeout", builder::timeout);
        params.integer("redis.pool-size", builder::poolSize);
        return builder;
    }

    private static Set<HostAndPort> hosts(String key, List<String> entries) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException();
                }
                int port = Integer.parseInt(entry.substring(colon + 1));
                if (port <= 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                hosts.add(new HostAndPort(entry.substring(0, colon), port));
            } catch (NumberFormatException e) {
                throw new SessionException(key + " must list host:port entries separated by commas, found '" + entry + "'");
            }
        }
        if (hosts.isEmpty()) {
            throw new SessionException(key + " must list at least one host:port");
        }
        return hosts;
    }
}
