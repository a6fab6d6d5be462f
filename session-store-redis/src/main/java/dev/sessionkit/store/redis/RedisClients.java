package dev.sessionkit.store.redis;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Builds the Jedis client for a server URI, a Sentinel-monitored master or a Cluster: one pool of
 * {@code poolSize + 1} connections per server (the extra one for the keyspace subscription), the timeout
 * for connecting, reading and waiting for a pooled connection.
 */
final class RedisClients {

    /** How often a Cluster client the store built asks for the topology, besides when redirected. */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(2);

    /**
     * Where Redis is (exactly one of {@code uri}, {@code clusterNodes}, {@code sentinelMaster} set) and how to
     * reach it; {@code user}, {@code password} and {@code tls} apply to Cluster and Sentinel.
     */
    record Settings(URI uri, Set<HostAndPort> clusterNodes, String sentinelMaster, Set<HostAndPort> sentinels,
                    String user, String password, boolean tls, Duration timeout, int poolSize) {
    }

    /** A client this store built, so it closes it, and a description of its servers for messages. */
    record Built(UnifiedJedis client, String endpoint) {
    }

    private RedisClients() {
    }

    /** @throws dev.sessionkit.store.SessionStoreUnavailableException when a Cluster or the sentinels cannot be reached */
    static Built build(Settings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize() + 1);
        pool.setMaxIdle(settings.poolSize() + 1);
        pool.setMaxWait(settings.timeout());
        int millis = (int) settings.timeout().toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis).clientName("sessionkit");
        try {
            if (settings.uri() != null) {
                return server(settings.uri(), config, pool);
            }
            config.user(settings.user()).password(settings.password());
            if (settings.tls()) {
                config.sslOptions(SslOptions.defaults());
            }
            if (settings.clusterNodes() != null) {
                // The topology refresh lets the store see nodes that join before a command is redirected to
                // one, so their keyspace events are heard (expiry, near cache).
                RedisClusterClient redis = RedisClusterClient.builder().nodes(settings.clusterNodes())
                        .clientConfig(config.build()).poolConfig(pool)
                        .maxTotalRetriesDuration(settings.timeout().multipliedBy(2))
                        .topologyRefreshPeriod(TOPOLOGY_REFRESH).build();
                return new Built(redis, "Redis Cluster " + settings.clusterNodes());
            }
            DefaultJedisClientConfig.Builder sentinelConfig = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(millis).socketTimeoutMillis(millis);
            if (settings.tls()) {
                sentinelConfig.sslOptions(SslOptions.defaults());
            }
            RedisSentinelClient redis = RedisSentinelClient.builder().masterName(settings.sentinelMaster())
                    .sentinels(settings.sentinels()).clientConfig(config.build())
                    .sentinelClientConfig(sentinelConfig.build()).poolConfig(pool).build();
            return new Built(redis, "Redis master '" + settings.sentinelMaster() + "' via sentinels " + settings.sentinels());
        } catch (JedisException e) {
            throw RedisErrors.translate(e, settings.uri() != null ? "Redis at " + settings.uri().getHost()
                    : settings.clusterNodes() != null ? "Redis Cluster " + settings.clusterNodes()
                    : "Redis sentinels " + settings.sentinels());
        }
    }

    private static Built server(URI uri, DefaultJedisClientConfig.Builder config, ConnectionPoolConfig pool) {
        config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri));
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(SslOptions.defaults());
        }
        HostAndPort server = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        RedisClient redis = RedisClient.builder().hostAndPort(server).clientConfig(config.build()).poolConfig(pool).build();
        return new Built(redis, "Redis at " + server);
    }
}
