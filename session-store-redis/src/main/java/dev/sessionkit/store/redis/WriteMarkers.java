package dev.sessionkit.store.redis;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Lets the near cache tell this instance's own writes from everybody else's. Keyspace events do not say
 * who wrote, so the save and touch scripts publish a marker before and after their writes
 * ({@code writes.lua}), carrying a token random to this store and the session's ID. Redis runs a script
 * atomically and delivers what one server publishes in order on each subscription, so the keyspace events
 * of that session between this instance's two markers are its own write's, which it has already applied to
 * its cache; every other event still invalidates.
 *
 * <p>Only on one server per session key (standalone, Sentinel): on Cluster, PUBLISH is forwarded to every
 * node over the cluster bus, out of order with that node's own events, so there the store makes no markers
 * and its own writes invalidate its entries as anyone's do. Immutable and thread-safe.
 */
final class WriteMarkers {

    /** One write's marker, as a script takes it: where to publish, and what; empty strings for none. */
    record Marker(String channel, String message) {
        static final Marker NONE = new Marker("", "");
    }

    private final String channel;
    private final String opened;
    private final String closed;
    private final String token;

    WriteMarkers(Keys keys) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random) + ":";
        this.channel = keys.writesChannel();
        this.opened = "b" + token;
        this.closed = "e" + token;
    }

    String channel() {
        return channel;
    }

    Marker of(String id) {
        return new Marker(channel, token + id);
    }

    /** @return the session ID whose write this instance began, when {@code message} says so; else null */
    String ownBegun(String message) {
        return message.startsWith(opened) ? message.substring(opened.length()) : null;
    }

    /** @return whether {@code message} says a write of this instance ended */
    boolean ownEnded(String message) {
        return message.startsWith(closed);
    }
}
