package dev.sessionkit.store.redis;

import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code save.lua}: writes one request's delta to a session hash atomically. */
final class SaveScript {

    private static final Script SCRIPT = Script.load("save.lua", "writes.lua");

    /**
     * @param isNew                 a new session: its key must not exist yet
     * @param lastAccessed          written unless the stored access is newer
     * @param absoluteTimeoutMillis caps the time-to-live with the creation time; 0 for none
     * @param created               written for a new session; an existing one keeps its own
     * @param metadataChanged       write {@code maxInactiveSeconds} and {@code principal} to an existing session
     * @param principal             the session's principal, or null for none
     * @param set                   hash fields to write ({@link Keys#attributeField}), with their values
     * @param removed               hash fields to delete
     */
    record SaveArgs(boolean isNew, long lastAccessed, long absoluteTimeoutMillis, long created,
                    int maxInactiveSeconds, boolean metadataChanged, String principal,
                    Map<String, byte[]> set, Set<String> removed) {
    }

    /**
     * What the save did.
     *
     * @param status            whether anything was written
     * @param previousPrincipal for a {@code SAVED} change of metadata, the principal the session had before
     *                          (null for none); else null
     */
    record Result(Status status, String previousPrincipal) {
    }

    enum Status {
        /** A new session's key already exists: nothing written. */
        TAKEN,
        /** An existing session is gone (deleted, rotated away, expired): nothing written. */
        GONE,
        SAVED
    }

    private SaveScript() {
    }

    /** @param marker published around the write, so this instance knows its events for its own */
    static Result run(UnifiedJedis client, byte[] sessionKey, SaveArgs save, WriteMarkers.Marker marker) {
        Script.Args args = new Script.Args()
                .add(Keys.CREATED).add(Keys.ACCESSED).add(Keys.MAX_INACTIVE).add(Keys.PRINCIPAL)
                .add(save.isNew()).add(save.lastAccessed()).add(save.absoluteTimeoutMillis()).add(save.created())
                .add(save.maxInactiveSeconds()).add(save.metadataChanged())
                .add(save.principal() == null ? "" : save.principal())
                .add(save.set().size())
                .add(marker.channel()).add(marker.message());
        save.set().forEach((field, value) -> args.add(field).add(value));
        save.removed().forEach(args::add);
        Object reply = SCRIPT.run(client, List.of(sessionKey), args.list());
        if (reply instanceof byte[] previous) {
            return new Result(Status.SAVED, previous.length == 0 ? null : new String(previous, StandardCharsets.UTF_8));
        }
        long code = (Long) reply;
        return new Result(code < 0 ? Status.TAKEN : code == 0 ? Status.GONE : Status.SAVED, null);
    }
}
