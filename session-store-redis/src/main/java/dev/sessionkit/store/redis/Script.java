package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One Lua script, run by its SHA-1 so a call sends only the hash and the arguments. Each script has a
 * typed wrapper beside it ({@code SaveScript} for {@code save.lua}, ...) that names the arguments and
 * reads the reply; only the wrapper calls {@link #run}.
 *
 * <p>The script text is sent only when a server answers NOSCRIPT (after a restart, a failover, or on a
 * Cluster node that has not seen it yet); EVAL also caches it there, so later calls are EVALSHA again.
 * Immutable and thread-safe.
 */
final class Script {

    private final byte[] source;
    private final byte[] sha;

    private Script(String source) {
        this.source = source.getBytes(StandardCharsets.UTF_8);
        this.sha = sha1Hex(this.source).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param name a script resource beside this class, readable on its own: it needs nothing prepended
     */
    static Script load(String name) {
        return new Script(resource(name));
    }

    /**
     * @param name    a script resource beside this class that calls what {@code prelude} defines
     * @param prelude a resource of local Lua functions shared by several scripts, put in front of {@code name}
     */
    static Script load(String name, String prelude) {
        return new Script(resource(prelude) + "\n" + resource(name));
    }

    Object run(UnifiedJedis client, List<byte[]> keys, List<byte[]> args) {
        try {
            return client.evalsha(sha, keys, args);
        } catch (JedisNoScriptException notCached) {
            return client.eval(source, keys, args);
        }
    }

    /** Arguments in the order a script's header lists them, encoded as Redis receives them. */
    static final class Args {
        private final List<byte[]> values = new ArrayList<>();

        Args add(String value) {
            values.add(value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Args add(long value) {
            return add(Long.toString(value));
        }

        Args add(boolean value) {
            return add(value ? "1" : "0");
        }

        Args add(byte[] value) {
            values.add(value);
            return this;
        }

        List<byte[]> list() {
            return values;
        }
    }

    private static String resource(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + name, e);
        }
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
