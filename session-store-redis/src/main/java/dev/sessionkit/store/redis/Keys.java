package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionIds;

import java.nio.charset.StandardCharsets;

/**
 * Names of the Redis keys and hash fields of one store.
 *
 * <p>A session is the hash {@code <prefix>s:{<lineage>}<rest of the ID>}: the lineage, the part of the ID
 * that survives rotation, is the Cluster hash tag, so a session's old and new keys share a slot and RENAME
 * works on Cluster. For 30 seconds after a rotation the string {@code <prefix>r:{<lineage>}<rest of the old
 * ID>} holds the rotation time, so a request racing the rotation is told so. While a request holds its session's lock ({@code lock=true}) the
 * string {@code <prefix>l:{<lineage>}} holds the owner's token. A user's index is the sorted set {@code <prefix>u:<principal>}. With a session cap,
 * the tenant's sessions are also listed in the sorted set {@code <prefix>all}; no session or index key can
 * take that name, in this store or in another whose prefix differs.
 */
final class Keys {

    static final String CREATED = "m:created";
    static final String ACCESSED = "m:accessed";
    static final String MAX_INACTIVE = "m:maxInactive";
    static final String PRINCIPAL = "m:principal";
    static final String ATTRIBUTE = "a:";

    private final String prefix;
    private final String sessionPrefix;

    Keys(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            // Redis Cluster hashes the first {...} of a key: braces in the prefix would put every session in one slot.
            throw new dev.sessionkit.SessionException("keyPrefix (redis.prefix) must not contain '{' or '}', was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.sessionPrefix = prefix + "s:";
    }

    String prefix() {
        return prefix;
    }

    /**
     * @return the session's hash key; the ID must be {@linkplain SessionIds#isWellFormed well formed}
     */
    String session(String id) {
        return sessionPrefix + "{" + SessionIds.lineage(id) + "}" + id.substring(SessionIds.LINEAGE_LENGTH);
    }

    byte[] sessionBytes(String id) {
        return session(id).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the session ID a key names, or null when the key is not one of this store's session keys
     */
    String idOf(String key) {
        int lineageStart = sessionPrefix.length() + 1;
        int restStart = lineageStart + SessionIds.LINEAGE_LENGTH + 1;
        if (key.length() != restStart + SessionIds.LENGTH - SessionIds.LINEAGE_LENGTH
                || !key.startsWith(sessionPrefix)
                || key.charAt(lineageStart - 1) != '{'
                || key.charAt(restStart - 1) != '}') {
            return null;
        }
        String id = key.substring(lineageStart, restStart - 1) + key.substring(restStart);
        return SessionIds.isWellFormed(id) ? id : null;
    }

    /** A SCAN pattern matching this store's session keys and nothing else. */
    String sessionPattern() {
        return literal(sessionPrefix) + "{*}*";
    }

    /** The channel on which the near cache's instances mark their own writes ({@link WriteMarkers}). */
    String writesChannel() {
        return prefix + "writes";
    }

    /** @return a glob pattern (SCAN, PSUBSCRIBE) that matches exactly {@code text} */
    static String literal(String text) {
        StringBuilder pattern = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    /**
     * @return the marker a rotation leaves under the old ID, {@code <prefix>r:{<lineage>}<rest>}: in the
     *         session's slot, and outside the session-key pattern, so listings never see it
     */
    byte[] rotationMarker(String id) {
        return (prefix + "r:{" + SessionIds.lineage(id) + "}" + id.substring(SessionIds.LINEAGE_LENGTH))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the lock of a session's requests ({@code lock=true}), {@code <prefix>l:{<lineage>}}: in the
     *         session's slot, outside the session-key pattern
     */
    byte[] lock(String lineage) {
        return (prefix + "l:{" + lineage + "}").getBytes(StandardCharsets.UTF_8);
    }

    String userIndex(String principal) {
        return prefix + "u:" + principal;
    }

    /** The sorted set of every session ID of this prefix, kept only when the session cap is on. */
    String tenantSet() {
        return prefix + "all";
    }

    static byte[] attributeField(String name) {
        return (ATTRIBUTE + name).getBytes(StandardCharsets.UTF_8);
    }
}
