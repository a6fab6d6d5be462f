package dev.sessionkit.store.redis;

import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationListProvider;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link RedisRevocationList} for {@code cookie-store.revocation=redis}, from the same connection
 * init-params as {@code store=redis}: {@code redis.uri}, or {@code redis.cluster}, or
 * {@code redis.sentinel.master} with {@code redis.sentinels}; {@code redis.user}, {@code redis.password},
 * {@code redis.tls}, {@code redis.prefix}, {@code redis.timeout}, {@code redis.pool-size}.
 */
public final class RedisRevocationListProvider implements RevocationListProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Set<String> parameters() {
        return RedisSessionStoreProvider.CONNECTION_PARAMETERS;
    }

    @Override
    public RevocationList create(Map<String, String> initParams) {
        RedisSessionStoreBuilder builder = RedisSessionStoreProvider.connection(new InitParams(initParams),
                "cookie-store.revocation=redis");
        RedisClients.Built built = builder.connect();
        return new RedisRevocationList(built.client(), true, builder.keyPrefix, built.endpoint() + " (revocation list)");
    }
}
