package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.ForeignSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spring Session Data Redis's sessions, read-only, as the old store of a migration
 * ({@code migrate.from=spring-session-redis}): the plain and the indexed layout, which share the hash
 * {@code <namespace>:sessions:<id>} (fields {@code creationTime}, {@code lastAccessedTime},
 * {@code maxInactiveInterval}, {@code sessionAttr:<name>}). Values in Spring's default Java serialisation or
 * in {@code GenericJackson2JsonRedisSerializer}'s JSON, through {@link SpringAttributes}.
 *
 * <p>{@link #load} takes Spring's {@code SESSION} cookie value (base64 of the UUID): one {@code HGETALL}.
 * The principal is the {@code PRINCIPAL_NAME_INDEX_NAME} attribute Spring indexes. {@link #delete} is a
 * {@code DEL} of the hash, which returns 1 to exactly one caller (the migration's claim), and also removes the
 * indexed layout's {@code expires:} key, principal index entry and {@code expirations:} entry. Thread-safe.
 */
public final class SpringSessionRedisStore implements ForeignSessionStore {

    static final String PRINCIPAL_ATTRIBUTE = "org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME";
    private static final String ATTRIBUTE = "sessionAttr:";

    private final Supplier<UnifiedJedis> connect;
    private volatile UnifiedJedis redis;
    private final String namespace;
    private final SpringAttributes attributes;
    private final boolean json;

    private SpringSessionRedisStore(Supplier<UnifiedJedis> connect, String namespace, SpringAttributes attributes, boolean json) {
        this.connect = connect;
        this.namespace = namespace;
        this.attributes = attributes;
        this.json = json;
    }

    /**
     * @param redis      connects to Spring Session's Redis at {@link #start}; the client is closed with this store
     * @param namespace  Spring's key namespace, {@code spring:session} by default
     * @param attributes how attribute values are read
     * @param json       true for {@code GenericJackson2JsonRedisSerializer}, false for Spring's default Java serialisation
     * @return the store
     * @throws SessionException when an argument is missing
     */
    public static SpringSessionRedisStore of(Supplier<UnifiedJedis> redis, String namespace, SpringAttributes attributes,
                                             boolean json) {
        if (redis == null || namespace == null || namespace.isBlank() || attributes == null) {
            throw new SessionException("Spring Session Redis import needs a Redis (spring-redis.uri), a namespace and attribute settings");
        }
        return new SpringSessionRedisStore(redis, namespace, attributes, json);
    }

    /** The store for a {@code redis://} or {@code rediss://} URI; connects at {@link #start}. */
    static SpringSessionRedisStore at(URI uri, String namespace, SpringAttributes attributes, boolean json) {
        return of(() -> client(uri), namespace, attributes, json);
    }

    private static UnifiedJedis client(URI uri) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().timeoutMillis(2_000)
                .user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri));
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            config.sslOptions(SslOptions.defaults());
        }
        HostAndPort server = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        return RedisClient.builder().hostAndPort(server).clientConfig(config.build()).build();
    }

    @Override
    public LoadResult load(String cookieValue, long now, long touchAfterMillis) {
        String id = SpringCookies.sessionId(cookieValue);
        if (id == null) {
            return LoadResult.ABSENT;
        }
        Map<byte[], byte[]> hash;
        try {
            hash = redis.hgetAll(key(id));
        } catch (JedisException e) {
            throw unavailable(e);
        }
        Map<String, byte[]> fields = new LinkedHashMap<>();
        hash.forEach((field, value) -> fields.put(new String(field, StandardCharsets.UTF_8), value));
        Long created = attributes.number(fields.get("creationTime"), json);
        Long accessed = attributes.number(fields.get("lastAccessedTime"), json);
        Long maxInactive = attributes.number(fields.get("maxInactiveInterval"), json);
        if (created == null || accessed == null || maxInactive == null) {
            return LoadResult.ABSENT; // no such session, or a partial hash (Spring's #2021)
        }
        if (maxInactive > 0 && accessed + maxInactive * 1000 < now) {
            return LoadResult.ABSENT;
        }
        Map<String, byte[]> mapped = new LinkedHashMap<>();
        String principal = null;
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            if (!field.getKey().startsWith(ATTRIBUTE)) {
                continue;
            }
            String name = field.getKey().substring(ATTRIBUTE.length());
            byte[] value = json ? attributes.mapJson(name, field.getValue()) : attributes.map(name, field.getValue());
            if (value != null) {
                mapped.put(name, value);
            }
            if (name.equals(PRINCIPAL_ATTRIBUTE)) {
                principal = attributes.string(field.getValue(), json);
            }
        }
        return LoadResult.found(new SessionData(id, created, accessed, (int) Math.min(Integer.MAX_VALUE, maxInactive),
                principal, mapped));
    }

    @Override
    public boolean delete(String id, long now) {
        try {
            List<byte[]> fields = redis.hmget(key(id), utf8(ATTRIBUTE + PRINCIPAL_ATTRIBUTE), utf8("lastAccessedTime"),
                    utf8("maxInactiveInterval"));
            boolean deleted = redis.del(key(id)) == 1;
            if (deleted) {
                removeIndexEntries(id, fields);
            }
            return deleted;
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    /**
     * The indexed layout's other keys: the {@code expires:} key, the principal index entry and the entry in the
     * minute's {@code expirations:} set; the set members are written with Spring's value serializer.
     */
    private void removeIndexEntries(String id, List<byte[]> fields) {
        redis.del(namespace + ":sessions:expires:" + id);
        String name = fields.get(0) == null ? null : attributes.string(fields.get(0), json);
        if (name != null) {
            redis.srem(utf8(namespace + ":index:" + PRINCIPAL_ATTRIBUTE + ":" + name), SpringValues.serialized(id, json));
        }
        Long accessed = attributes.number(fields.get(1), json);
        Long maxInactive = attributes.number(fields.get(2), json);
        if (accessed != null && maxInactive != null) {
            long minute = (accessed + maxInactive * 1000) / 60_000 * 60_000 + 60_000; // Spring's roundUpToNextMinute
            redis.srem(utf8(namespace + ":expirations:" + minute), SpringValues.serialized("expires:" + id, json));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long count() {
        ScanParams match = new ScanParams().match(namespace + ":sessions:*").count(1000);
        String expires = namespace + ":sessions:expires:";
        long count = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        try {
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                count += page.getResult().stream().filter(key -> !key.startsWith(expires)).count();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } catch (JedisException e) {
            throw unavailable(e);
        }
        return count;
    }

    @Override
    public StoreHealth health() {
        long start = System.nanoTime();
        try {
            redis.ping();
            return StoreHealth.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (JedisException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - start), "Spring Session Redis: " + e.getMessage());
        }
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        throw readOnly();
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        throw readOnly();
    }

    @Override
    public void start(StoreContext context) {
        redis = connect.get();
    }

    @Override
    public void close() {
        UnifiedJedis client = redis;
        if (client != null) {
            client.close();
        }
    }

    private byte[] key(String id) {
        return (namespace + ":sessions:" + id).getBytes(StandardCharsets.UTF_8);
    }

    private static SessionException readOnly() {
        return new SessionException("Spring Session's store is only read, as migrate.from: set store to a sessionkit store"
                + " (redis, jdbc, memory) and migrate.from=spring-session-redis");
    }

    private static SessionStoreUnavailableException unavailable(JedisException e) {
        return new SessionStoreUnavailableException("Spring Session's Redis cannot be reached: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "spring-session-redis(" + namespace + ")";
    }
}
