package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads session hashes without touching them: one with a plain HGETALL, many in one pipeline (one round
 * trip per server involved). A key that is not a hash, or a hash that cannot be read, is no session.
 * Thread-safe.
 */
final class SessionReader {

    private final UnifiedJedis client;
    private final Keys keys;
    private final SessionHash hash;
    private final RedisErrors errors;

    SessionReader(UnifiedJedis client, Keys keys, SessionHash hash, RedisErrors errors) {
        this.client = client;
        this.keys = keys;
        this.hash = hash;
        this.errors = errors;
    }

    /** @return the session, or null when there is none or it cannot be read; the ID must be well formed */
    SessionData read(String id) {
        byte[] key = keys.sessionBytes(id);
        return hash.decode(id, errors.read(() -> hashOrNull(() -> client.hgetAll(key))));
    }

    /** @return the sessions found, by ID, in the order asked; IDs that are not well formed are skipped */
    Map<String, SessionData> fetch(Iterable<String> ids) {
        Map<String, Response<Map<byte[], byte[]>>> replies = new LinkedHashMap<>();
        errors.read(() -> {
            replies.clear();
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (String id : ids) {
                    if (SessionIds.isWellFormed(id)) {
                        replies.put(id, pipeline.hgetAll(keys.sessionBytes(id)));
                    }
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, SessionData> sessions = new LinkedHashMap<>();
        replies.forEach((id, reply) -> {
            SessionData session = hash.decode(id, hashOrNull(reply::get));
            if (session != null) {
                sessions.put(id, session);
            }
        });
        return sessions;
    }

    /** Reads a session key's hash: null (reported) when the key holds another type. */
    private Map<byte[], byte[]> hashOrNull(Supplier<Map<byte[], byte[]>> hgetAll) {
        try {
            return hgetAll.get();
        } catch (JedisDataException e) {
            if (!RedisErrors.isWrongType(e)) {
                throw e;
            }
            hash.wrongType();
            return null;
        }
    }
}
