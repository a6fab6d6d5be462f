package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code rotate.lua}: renames a session's hash to its new ID, keeping its time-to-live. */
final class RotateScript {

    private static final Script SCRIPT = Script.load("rotate.lua");

    /**
     * @param status    whether the session moved
     * @param principal for {@code MOVED}, the session's principal, or null for none
     * @param created   for {@code MOVED}, its creation time, or null when unreadable
     */
    record Result(Status status, String principal, Long created) {
    }

    enum Status {
        /** The old session is gone: nothing renamed. */
        GONE,
        /** The new ID's key exists: nothing renamed. */
        TAKEN,
        MOVED
    }

    private RotateScript() {
    }

    /**
     * @param marker    the old ID's rotation marker key, set to {@code now} for {@code graceMillis}
     */
    static Result run(UnifiedJedis client, byte[] oldKey, byte[] newKey, byte[] marker, long now, long graceMillis) {
        List<byte[]> args = new Script.Args().add(Keys.PRINCIPAL).add(Keys.CREATED)
                .add(Long.toString(now)).add(Long.toString(graceMillis)).list();
        Object reply = SCRIPT.run(client, List.of(oldKey, newKey, marker), args);
        if (reply == null) {
            return new Result(Status.GONE, null, null);
        }
        if (reply instanceof Long) {
            return new Result(Status.TAKEN, null, null);
        }
        List<?> moved = (List<?>) reply;
        byte[] principal = (byte[]) moved.get(0);
        return new Result(Status.MOVED, principal.length == 0 ? null : new String(principal, StandardCharsets.UTF_8),
                SessionHash.number((byte[]) moved.get(1)));
    }
}
