package dev.sessionkit.store.redis;

import redis.clients.jedis.exceptions.JedisException;

/**
 * The {@code notify-keyspace-events} setting the store's subscriptions need on every master: {@code Ex}
 * (expired-key events) for expiry events, {@code EKghxe} (every change to a session hash) for the near
 * cache. Reads it with CONFIG GET and, when asked to configure, adds what is missing with CONFIG SET.
 * Thread-safe.
 */
final class KeyspaceNotifications {

    private static final System.Logger LOG = System.getLogger(KeyspaceNotifications.class.getName());
    static final String SETTING = "notify-keyspace-events";
    /** Keyevent notifications of expired keys: what expiry events need. */
    static final String EXPIRY_EVENTS = "Ex";
    /** Keyspace notifications of every command that can change a session hash: what the near cache needs. */
    static final String NEAR_CACHE_EVENTS = "Kghxe";

    private final Nodes nodes;
    private final String endpoint;
    private final String wanted;

    /**
     * @param nearCache whether the near cache's events are wanted besides expiry events
     */
    KeyspaceNotifications(Nodes nodes, String endpoint, boolean nearCache) {
        this.nodes = nodes;
        this.endpoint = endpoint;
        this.wanted = nearCache ? "E" + NEAR_CACHE_EVENTS : EXPIRY_EVENTS;
    }

    /** Adds the missing flags on every master; a server that refuses is logged with the manual step. */
    void configure() {
        try {
            for (Nodes.Node node : nodes.masters()) {
                String flags = node.config("GET", SETTING);
                String missing = missingEvents(flags, wanted);
                if (!missing.isEmpty()) {
                    node.config("SET", SETTING, flags + missing);
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not turn on keyspace notifications on " + endpoint + ": "
                    + e.getMessage() + ". Expired sessions will not be reported until you run"
                    + " CONFIG SET " + SETTING + " " + wanted + " on every master (or set it in redis.conf).");
        }
    }

    /**
     * Warns when a master does not publish expired-key events: the store would start, and the expiry listener
     * ({@code sessionDestroyed}) would never hear of a session that Redis expired.
     */
    void warnIfExpiryEventsOff() {
        try {
            for (Nodes.Node node : nodes.masters()) {
                String flags = node.config("GET", SETTING);
                if (!missingEvents(flags, EXPIRY_EVENTS).isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "Expiry events are on, but " + node.name() + " of " + endpoint
                            + " has " + SETTING + " '" + flags + "', so Redis announces no expired session and"
                            + " sessionDestroyed never fires for one. Set " + SETTING + " " + EXPIRY_EVENTS
                            + " in redis.conf (or CONFIG SET), or redis.configure-keyspace-notifications=true;"
                            + " or turn redis.expiry-events off.");
                    return;
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Expiry events are on, but " + SETTING + " cannot be read from "
                    + endpoint + " (" + e.getMessage() + "): make sure it includes " + EXPIRY_EVENTS
                    + ", or sessionDestroyed never fires for a session that Redis expired.");
        }
    }

    /**
     * The near cache may serve only if every change to a session key is announced: keyspace events
     * ({@code K}) of generic, hash, expired and evicted commands ({@code g h x e}, or {@code A}).
     */
    boolean nearCacheNotified() {
        try {
            for (Nodes.Node node : nodes.masters()) {
                String flags = node.config("GET", SETTING);
                if (!missingEvents(flags, NEAR_CACHE_EVENTS).isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "The near cache is off: " + node.name() + " of " + endpoint
                            + " has " + SETTING + " '" + flags + "', which does not announce every change to"
                            + " a session. Set it to include K, g, h, x and e (CONFIG SET " + SETTING
                            + " E" + NEAR_CACHE_EVENTS + ", or configureKeyspaceNotifications(true)).");
                    return false;
                }
            }
            return true;
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "The near cache is off: cannot read " + SETTING + " from "
                    + endpoint + " (" + e.getMessage() + "), so cannot tell that every change to a session is announced.");
            return false;
        }
    }

    /**
     * @return the flags of {@code wanted} that a {@code notify-keyspace-events} setting lacks; {@code A}
     *         stands for every event type (all but the channel flags {@code E} and {@code K})
     */
    static String missingEvents(String flags, String wanted) {
        StringBuilder missing = new StringBuilder();
        for (char flag : wanted.toCharArray()) {
            boolean coveredByAll = flag != 'E' && flag != 'K' && flags.indexOf('A') >= 0;
            if (flags.indexOf(flag) < 0 && !coveredByAll) {
                missing.append(flag);
            }
        }
        return missing.toString();
    }
}
