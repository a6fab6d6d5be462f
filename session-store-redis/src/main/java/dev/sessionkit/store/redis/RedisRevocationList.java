package dev.sessionkit.store.redis;

import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.StoreHealth;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;

/**
 * The cookie store's {@link RevocationList} in Redis (standalone, Sentinel or Cluster), for
 * {@code cookie-store.revocation=redis}. Keys, under the prefix ({@code sessionkit:} by default):
 * {@code revoked:l:<lineage>} and {@code revoked:p:<principal>}, strings holding the issued-before instant
 * and expiring with the absolute timeout; {@code cookie-sessions:<principal>}, a hash of the user's logged-in
 * sessions, expiring with the last of them.
 *
 * <p>A lookup is one command: {@code GET}, or {@code MGET} of the lineage and principal keys (on Cluster,
 * where the two keys live on different slots, two {@code GET}s in one pipeline). A revocation or a session
 * record is one script call. Failures to reach Redis throw
 * {@link dev.sessionkit.store.SessionStoreUnavailableException}. Thread-safe.
 */
public final class RedisRevocationList implements RevocationList {

    /** Fields of a user's session record before the expired ones are pruned. */
    static final int RECORD_PRUNE_ABOVE = 100;

    private static final Script REVOKE = Script.load("revoke.lua");
    private static final Script RECORD = Script.load("record.lua");

    private final UnifiedJedis client;
    private final boolean owned;
    private final String prefix;
    private final boolean cluster;
    private final RedisErrors errors;

    RedisRevocationList(UnifiedJedis client, boolean owned, String prefix, String endpoint) {
        this.client = client;
        this.owned = owned;
        this.prefix = prefix;
        this.cluster = isCluster(client);
        this.errors = new RedisErrors(endpoint);
    }

    /**
     * @param client    a client the application owns and closes
     * @param keyPrefix the prefix of every key, as for {@link RedisSessionStoreBuilder#keyPrefix}
     * @return a list on that client
     */
    public static RedisRevocationList of(UnifiedJedis client, String keyPrefix) {
        return new RedisRevocationList(Objects.requireNonNull(client, "client"), false,
                RedisSessionStore.builder().keyPrefix(keyPrefix).keyPrefix, "Redis (revocation list)");
    }

    @Override
    public Revoked lookup(String lineage, String principal, long now) {
        return errors.read(() -> {
            String lineageKey = lineageKey(lineage);
            if (principal == null) {
                return new Revoked(parse(client.get(lineageKey)), 0);
            }
            if (cluster) {
                try (AbstractPipeline pipeline = client.pipelined()) {
                    Response<String> byLineage = pipeline.get(lineageKey);
                    Response<String> byPrincipal = pipeline.get(principalKey(principal));
                    pipeline.sync();
                    return new Revoked(parse(byLineage.get()), parse(byPrincipal.get()));
                }
            }
            List<String> values = client.mget(lineageKey, principalKey(principal));
            return new Revoked(parse(values.get(0)), parse(values.get(1)));
        });
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        revoke(lineageKey(lineage), issuedBefore, expiresAt);
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        revoke(principalKey(principal), issuedBefore, expiresAt);
    }

    @Override
    public void recordSession(String principal, String lineage, String description, long expiresAt) {
        Script.Args args = new Script.Args().add(lineage).add(expiresAt + "|" + description).add(expiresAt)
                .add(System.currentTimeMillis()).add(RECORD_PRUNE_ABOVE);
        errors.write(() -> RECORD.run(client, List.of(bytes(recordKey(principal))), args.list()));
    }

    @Override
    public Map<String, String> sessionsOf(String principal, long now) {
        Map<String, String> all = errors.read(() -> client.hgetAll(recordKey(principal)));
        Map<String, String> live = new LinkedHashMap<>();
        all.forEach((lineage, value) -> {
            int bar = value.indexOf('|');
            if (bar > 0 && parse(value.substring(0, bar)) > now) {
                live.put(lineage, value.substring(bar + 1));
            }
        });
        return live;
    }

    @Override
    public void forgetSessions(String principal, Iterable<String> lineages) {
        String[] fields = StreamSupport.stream(lineages.spliterator(), false).toArray(String[]::new);
        if (fields.length > 0) {
            errors.write(() -> client.hdel(recordKey(principal), fields));
        }
    }

    /** @return a timed PING */
    @Override
    public StoreHealth health() {
        long started = System.nanoTime();
        try {
            client.ping();
            return StoreHealth.up(Duration.ofNanos(System.nanoTime() - started));
        } catch (JedisException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - started), "Redis (revocation list): " + e.getMessage());
        }
    }

    /** Closes the client when this list built it. */
    @Override
    public void close() {
        if (owned) {
            client.close();
        }
    }

    /** @return the endpoint (never a password) and the prefix */
    @Override
    public String toString() {
        return "RedisRevocationList[" + errors.endpoint() + ", prefix=" + prefix + "]";
    }

    private void revoke(String key, long issuedBefore, long expiresAt) {
        Script.Args args = new Script.Args().add(issuedBefore).add(expiresAt).add(System.currentTimeMillis());
        errors.write(() -> REVOKE.run(client, List.of(bytes(key)), args.list()));
    }

    String lineageKey(String lineage) {
        return prefix + "revoked:l:" + lineage;
    }

    String principalKey(String principal) {
        return prefix + "revoked:p:" + principal;
    }

    String recordKey(String principal) {
        return prefix + "cookie-sessions:" + principal;
    }

    private static long parse(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("deprecation") // JedisCluster is deprecated but still what many applications hand us
    private static boolean isCluster(UnifiedJedis client) {
        return client instanceof RedisClusterClient || client instanceof JedisCluster;
    }
}
