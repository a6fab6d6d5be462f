package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.util.List;

/** {@code touch.lua}: records a due access, or deletes a session its read found idle-expired. */
final class TouchScript {

    private static final Script SCRIPT = Script.load("touch.lua", "writes.lua");

    enum Outcome {
        /** Deleted, rotated away or unreadable since the read: nothing written. */
        GONE,
        /** Idle-expired by the caller's clock, and now deleted. */
        EXPIRED,
        /** The access is recorded and the time-to-live refreshed (or it was already newer). */
        TOUCHED
    }

    private TouchScript() {
    }

    /** @param marker published around the write, so this instance knows its events for its own */
    static Outcome run(UnifiedJedis client, byte[] sessionKey, long now, long absoluteTimeoutMillis,
                       WriteMarkers.Marker marker) {
        Script.Args args = new Script.Args()
                .add(Keys.CREATED).add(Keys.ACCESSED).add(Keys.MAX_INACTIVE)
                .add(now).add(absoluteTimeoutMillis)
                .add(marker.channel()).add(marker.message());
        Object reply = SCRIPT.run(client, List.of(sessionKey), args.list());
        if (reply == null) {
            return Outcome.GONE;
        }
        return (Long) reply == 0 ? Outcome.EXPIRED : Outcome.TOUCHED;
    }
}
