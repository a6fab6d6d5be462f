package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import redis.clients.jedis.HostAndPort;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link RedisSessionStore} for the init-param {@code store=redis}. Reads:
 * <ul>
 *   <li>where Redis is, exactly one of: {@code redis.uri} ({@code redis://[user:password@]host:port[/db]},
 *       {@code rediss://} for TLS); {@code redis.cluster} (comma-separated {@code host:port} of cluster
 *       nodes); {@code redis.sentinel.master} with {@code redis.sentinels} (comma-separated {@code host:port});</li>
 *   <li>for cluster and sentinel: {@code redis.user}, {@code redis.password}, {@code redis.tls};</li>
 *   <li>{@code redis.prefix}, {@code redis.timeout} (a duration such as {@code 2s} or {@code PT0.5S}),
 *       {@code redis.pool-size}, {@code redis.max-sessions-per-user},
 *       {@code redis.expiry-events} and {@code redis.configure-keyspace-notifications} (true or false).</li>
 * </ul>
 * A missing or wrong parameter is a {@link SessionException} naming it.
 */
public final class RedisSessionStoreProvider implements SessionStoreProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public SessionStore create(Map<String, String> params) {
        RedisSessionStore.Builder builder = RedisSessionStore.builder();
        String uri = value(params, "redis.uri");
        String cluster = value(params, "redis.cluster");
        String master = value(params, "redis.sentinel.master");
        String sentinels = value(params, "redis.sentinels");
        int chosen = (uri != null ? 1 : 0) + (cluster != null ? 1 : 0) + (master != null || sentinels != null ? 1 : 0);
        if (chosen != 1) {
            throw new SessionException("store=redis needs exactly one of redis.uri, redis.cluster, or"
                    + " redis.sentinel.master with redis.sentinels; " + (chosen == 0 ? "none is set" : "several are set"));
        }
        if (uri != null) {
            apply("redis.uri", () -> builder.uri(uri));
        } else if (cluster != null) {
            builder.cluster(hosts("redis.cluster", cluster));
        } else {
            if (master == null || sentinels == null) {
                throw new SessionException(master == null
                        ? "redis.sentinels is set but redis.sentinel.master, the name of the monitored master, is not"
                        : "redis.sentinel.master is set but redis.sentinels, the sentinels' host:port list, is not");
            }
            builder.sentinel(master, hosts("redis.sentinels", sentinels));
        }
        String password = value(params, "redis.password");
        String user = value(params, "redis.user");
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
        String tls = value(params, "redis.tls");
        if (tls != null) {
            if (uri != null) {
                throw new SessionException("redis.tls applies to redis.cluster and redis.sentinels; use a rediss:// redis.uri instead");
            }
            builder.tls(bool("redis.tls", tls));
        }
        String prefix = value(params, "redis.prefix");
        if (prefix != null) {
            apply("redis.prefix", () -> builder.keyPrefix(prefix));
        }
        new InitParams(params).duration("redis.timeout", builder::timeout);
        String poolSize = value(params, "redis.pool-size");
        if (poolSize != null) {
            apply("redis.pool-size", () -> builder.poolSize(integer("redis.pool-size", poolSize)));
        }
        String perUser = value(params, "redis.max-sessions-per-user");
        if (perUser != null) {
            apply("redis.max-sessions-per-user", () -> builder.maxSessionsPerUser(integer("redis.max-sessions-per-user", perUser)));
        }
        String events = value(params, "redis.expiry-events");
        if (events != null) {
            builder.expiryEvents(bool("redis.expiry-events", events));
        }
        String configure = value(params, "redis.configure-keyspace-notifications");
        if (configure != null) {
            builder.configureKeyspaceNotifications(bool("redis.configure-keyspace-notifications", configure));
        }
        return builder.build();
    }

    private static String value(Map<String, String> params, String key) {
        String value = params.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Turns the builder's IllegalArgumentException into one naming the parameter. */
    private static void apply(String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new SessionException(key + ": " + e.getMessage(), e);
        }
    }

    private static Set<HostAndPort> hosts(String key, String value) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        for (String entry : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList()) {
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

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SessionException(key + " must be a whole number, was '" + value + "'");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new SessionException(key + " must be true or false, was '" + value + "'");
        };
    }
}
