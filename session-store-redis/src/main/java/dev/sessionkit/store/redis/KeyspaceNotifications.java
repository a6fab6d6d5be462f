package dev.sessionkit.store.redis;

import redis.clients.jedis.exceptions.JedisException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code notify-keyspace-events} setting the store's subscriptions need on every master: {@code Ex}
 * (expired-key events) for expiry events, {@code EKghxe} (every change to a session hash) for the near
 * cache. Reads it with CONFIG GET and, when asked to configure, adds what is missing with CONFIG SET, at
 * start and again whenever {@link #ensure} finds it lost. Thread-safe.
 */
final class KeyspaceNotifications {

    private static final System.Logger LOG = System.getLogger(KeyspaceNotifications.class.getName());
    private static final String SETTING = "notify-keyspace-events";
    /** Keyevent notifications of expired keys: what expiry events need. */
    private static final String EXPIRY_EVENTS = "Ex";
    /** Keyspace notifications of every command that can change a session hash: what the near cache needs. */
    private static final String NEAR_CACHE_EVENTS = "Kghxe";

    private final Nodes nodes;
    private final String endpoint;
    private final String wanted;
    private final boolean nearCache;
    private final boolean configuring;
    /** Servers last seen lacking what is wanted: each is logged once per time it loses the setting. */
    private final Set<String> lacking = ConcurrentHashMap.newKeySet();

    /**
     * @param nearCache whether the near cache's events are wanted besides expiry events
     */
    KeyspaceNotifications(Nodes nodes, String endpoint, boolean nearCache, boolean configuring) {
        this.nodes = nodes;
        this.endpoint = endpoint;
        this.nearCache = nearCache;
        this.configuring = configuring;
        this.wanted = nearCache ? "E" + NEAR_CACHE_EVENTS : EXPIRY_EVENTS;
    }

    /** @return whether {@link #ensure} needs calling as subscriptions come and go: to configure, or for the near cache */
    boolean watched() {
        return nearCache || configuring;
    }

    /**
     * Checks one server's setting and, when configuring, adds what it lacks again: CONFIG SET does not
     * survive a restart or a failover to a replica that never had it.
     *
     * @return whether the server announces every change to a session, as the near cache needs; false when
     *         it cannot tell. Replicas announce nothing of their own, so they pass.
     */
    boolean ensure(Nodes.Node node) {
        try {
            if (!node.isMaster()) {
                return true;
            }
            String flags = node.config("GET", SETTING);
            String missing = missingEvents(flags, wanted);
            if (!missing.isEmpty() && configuring) {
                node.config("SET", SETTING, flags + missing);
                LOG.log(System.Logger.Level.INFO, "Set " + SETTING + " on " + node.name() + " of " + endpoint
                        + " again (it was '" + flags + "': restarted, or failed over?)");
                flags = node.config("GET", SETTING);
            }
            boolean announces = missingEvents(flags, nearCache ? NEAR_CACHE_EVENTS : EXPIRY_EVENTS).isEmpty();
            if (announces) {
                lacking.remove(node.name());
            } else if (lacking.add(node.name())) {
                LOG.log(System.Logger.Level.WARNING, node.name() + " of " + endpoint + " has " + SETTING + " '"
                        + flags + "'" + (nearCache ? ": the near cache serves nothing until it includes K, g, h, x"
                        + " and e (CONFIG SET " + SETTING + " E" + NEAR_CACHE_EVENTS + ", or"
                        : ": expired sessions go unreported until it includes Ex (or")
                        + " redis.configure-keyspace-notifications=true)");
            }
            return announces;
        } catch (RuntimeException e) {
            // JedisException, or a reply of an unexpected shape: either way the setting is unknown.
            if (lacking.add(node.name())) {
                LOG.log(System.Logger.Level.WARNING, "Cannot read " + SETTING + " from " + node.name() + " of "
                        + endpoint + " (" + e.getMessage() + ")" + (nearCache ? "; the near cache serves nothing"
                        + " until it can tell that every change to a session is announced" : ""));
            }
            return false;
        }
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
                String problem = expiryEventsOff(node);
                if (problem != null) {
                    LOG.log(System.Logger.Level.WARNING, "Expiry events are on, but " + problem);
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
     * @return what is wrong when a master does not publish expired-key events, naming the setting and what
     *         to do; null when it does
     * @throws JedisException when the setting cannot be read
     */
    String expiryEventsOff(Nodes.Node node) {
        String flags = node.config("GET", SETTING);
        if (missingEvents(flags, EXPIRY_EVENTS).isEmpty()) {
            return null;
        }
        return node.name() + " of " + endpoint + " has " + SETTING + " '" + flags + "', so Redis announces no"
                + " expired session and sessionDestroyed never fires for one. Set " + SETTING + " " + EXPIRY_EVENTS
                + " in redis.conf (or CONFIG SET), or redis.configure-keyspace-notifications=true;"
                + " or turn redis.expiry-events off.";
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
