package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrate.from=spring-session-redis}: Spring Session Data Redis's hashes, read-only (needs Jedis on the
 * class path). Init-params (under {@code migrate.from.}):
 * <table>
 *   <caption>Init-params</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code spring-redis.uri}</td><td>Spring Session's Redis, {@code redis://host:port}</td><td>required</td></tr>
 *   <tr><td>{@code spring-redis.namespace}</td><td>Spring's key namespace</td><td>{@code spring:session}</td></tr>
 *   <tr><td>{@code spring-redis.serializer}</td><td>{@code jdk} (Spring's default) or {@code json}
 *       ({@code GenericJackson2JsonRedisSerializer})</td><td>{@code jdk}</td></tr>
 *   <tr><td>{@code spring.java-serialization}, {@code spring.allowed-classes}, {@code spring.unmappable}</td>
 *       <td>as for {@link SpringSessionJdbcProvider}</td><td></td></tr>
 * </table>
 */
public final class SpringSessionRedisProvider implements SessionStoreProvider {

    static final String URI_PARAM = "spring-redis.uri";
    static final String NAMESPACE = "spring-redis.namespace";
    static final String SERIALIZER = "spring-redis.serializer";

    @Override
    public String name() {
        return "spring-session-redis";
    }

    @Override
    public Set<String> parameters() {
        Set<String> names = new HashSet<>(Set.of(URI_PARAM, NAMESPACE, SERIALIZER));
        names.addAll(SpringAttributeParams.NAMES);
        return names;
    }

    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        String uri = params.get(URI_PARAM);
        if (uri == null) {
            throw new SessionException("migrate.from=spring-session-redis needs migrate.from." + URI_PARAM
                    + " (Spring Session's Redis, redis://host:port)");
        }
        String serializer = params.get(SERIALIZER);
        if (serializer != null && !serializer.equals("jdk") && !serializer.equals("json")) {
            throw new SessionException(SERIALIZER + " must be jdk or json, was '" + serializer + "'");
        }
        String namespace = params.get(NAMESPACE);
        // Jedis is named only inside the store class, so this provider loads without it (JDBC-only users).
        return SpringSessionRedisStore.at(URI.create(uri), namespace == null ? "spring:session" : namespace,
                SpringAttributeParams.read(params), "json".equals(serializer));
    }
}
