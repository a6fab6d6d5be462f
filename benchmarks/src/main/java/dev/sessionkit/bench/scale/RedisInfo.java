package dev.sessionkit.bench.scale;

import dev.sessionkit.testing.redis.RedisServer;

/** Figures read from a redis-server with redis-cli: INFO fields and MEMORY USAGE. */
final class RedisInfo {

    private RedisInfo() {
    }

    static long usedMemory(RedisServer redis) {
        return field(redis.cli("INFO", "memory"), "used_memory");
    }

    static long expiredKeys(RedisServer redis) {
        return field(redis.cli("INFO", "stats"), "expired_keys");
    }

    /** @return MEMORY USAGE of a key counting every element (SAMPLES 0), or 0 when the key is gone */
    static long memoryUsage(RedisServer redis, String key) {
        String reply = redis.cli("MEMORY", "USAGE", key, "SAMPLES", "0").trim();
        return reply.isEmpty() ? 0 : Long.parseLong(reply);
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("INFO has no " + name);
    }
}
