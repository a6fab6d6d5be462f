package dev.sessionkit.store.redis;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionStoreUnavailableException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Runs Redis commands for one endpoint and turns Jedis' exceptions into the store's:
 * {@link SessionStoreUnavailableException} when Redis cannot serve now (down, timing out, loading, read-only,
 * out of memory, cluster down), a {@link SessionException} that says what Redis refused otherwise.
 * Thread-safe.
 */
final class RedisErrors {

    /** Error replies that mean "not now" rather than "wrong command". */
    private static final List<String> UNAVAILABLE_REPLIES = List.of(
            "LOADING", "BUSY", "MASTERDOWN", "READONLY", "OOM", "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS");

    private final String endpoint;

    RedisErrors(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * Runs a read. A connection that broke while idle in the pool (Redis restarted) fails only when used,
     * so a read that failed that way is tried once more on a fresh connection; reads are safe to repeat.
     */
    <T> T read(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JedisConnectionException e) {
            if (isTimeout(e)) {
                throw translate(e);
            }
            try {
                return operation.get();
            } catch (JedisException again) {
                throw translate(again);
            }
        } catch (JedisException e) {
            throw translate(e);
        }
    }

    /** Runs a write once: repeating one whose reply was lost could report a saved session as gone. */
    <T> T write(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JedisException e) {
            throw translate(e);
        }
    }

    SessionException translate(JedisException e) {
        return translate(e, endpoint);
    }

    static SessionException translate(JedisException e, String endpoint) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean unavailable = e instanceof JedisConnectionException
                || e instanceof JedisClusterOperationException
                || e.getCause() instanceof NoSuchElementException // the pool had no free connection in time
                || (e instanceof JedisDataException && UNAVAILABLE_REPLIES.stream().anyMatch(message::startsWith));
        if (unavailable) {
            return new SessionStoreUnavailableException(endpoint + " is unavailable: " + message, e);
        }
        if (message.startsWith("NOPERM") || message.startsWith("NOAUTH") || message.startsWith("WRONGPASS")) {
            return new SessionException(endpoint + " refused the store's Redis user: " + message
                    + " (it needs EVALSHA, EVAL, SCAN, HGETALL, ZRANGE, ZREM, HMGET with a session cap, PSUBSCRIBE"
                    + " for expiry events, and the commands the scripts call, on its prefix's keys: see the README's"
                    + " ACL list)", e);
        }
        if (isWrongType(e)) {
            return new SessionException(endpoint + " holds a key of another type where the store expects its own"
                    + " (another application writing under this store's key prefix?): " + message, e);
        }
        return new SessionException(endpoint + " refused a session command: " + message, e);
    }

    /** @return whether Redis answered that a key holds another type than the command needs */
    static boolean isWrongType(JedisException e) {
        // Inside a script the reply is "ERR ... WRONGTYPE ...", from a plain command it starts with WRONGTYPE.
        return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().contains("WRONGTYPE");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
