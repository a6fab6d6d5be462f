package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreHealth;
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One health check of the store's Redis: a timed PING on every master, the server version, and whether
 * expired-key events are announced when the store relies on them. Never throws; thread-safe.
 */
final class RedisHealth {

    private final Nodes nodes;
    private final String endpoint;
    private final String topology;
    private final KeyspaceNotifications notifications;
    private final boolean expiryEvents;

    RedisHealth(Nodes nodes, String endpoint, String topology, KeyspaceNotifications notifications, boolean expiryEvents) {
        this.nodes = nodes;
        this.endpoint = endpoint;
        this.topology = topology;
        this.notifications = notifications;
        this.expiryEvents = expiryEvents;
    }

    /** @return reachable when every master answered PING; the latency is the slowest master's PING */
    StoreHealth check() {
        long started = System.nanoTime();
        List<Nodes.Node> masters;
        try {
            masters = nodes.masters();
        } catch (RuntimeException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - started), endpoint + " cannot be reached: " + e.getMessage());
        }
        boolean reachable = !masters.isEmpty();
        long slowest = 0;
        List<String> warnings = new ArrayList<>();
        TreeSet<String> versions = new TreeSet<>();
        if (masters.isEmpty()) {
            warnings.add(endpoint + " has no master");
        }
        for (Nodes.Node node : masters) {
            long ping = System.nanoTime();
            try {
                node.ping();
            } catch (JedisDataException e) {
                slowest = Math.max(slowest, System.nanoTime() - ping);
                if (RedisErrors.translate(e, endpoint) instanceof SessionStoreUnavailableException) {
                    reachable = false;
                    warnings.add(node.name() + " of " + endpoint + " cannot serve: " + e.getMessage());
                    continue;
                }
                // It answered, with a refusal (an ACL user without +ping): reachable, and says so.
                warnings.add(node.name() + " of " + endpoint + " refused PING (" + e.getMessage()
                        + "): grant the store's user +ping, +info and +config|get for a complete health check");
            } catch (RuntimeException e) {
                slowest = Math.max(slowest, System.nanoTime() - ping);
                reachable = false;
                warnings.add(node.name() + " of " + endpoint + " did not answer PING: " + e.getMessage());
                continue;
            }
            slowest = Math.max(slowest, System.nanoTime() - ping);
            try {
                versions.add(version(node.info("server")));
            } catch (RuntimeException e) {
                // The version is a detail: a user without +info (the README's ACL) is not degraded for it.
                versions.add("unknown");
            }
            if (expiryEvents) {
                try {
                    String off = notifications.expiryEventsOff(node);
                    if (off != null) {
                        warnings.add(off);
                    }
                } catch (RuntimeException e) {
                    // Managed Redis often refuses CONFIG: the server answers, but the setting is unknown.
                    warnings.add("Cannot read notify-keyspace-events from " + node.name() + " of " + endpoint
                            + " (" + e.getMessage() + "): expired sessions may go unreported");
                }
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("topology", topology);
        details.put("endpoint", endpoint);
        details.put("masters", String.valueOf(masters.size()));
        if (!versions.isEmpty()) {
            details.put("version", String.join(", ", versions));
        }
        return new StoreHealth(reachable, Duration.ofNanos(slowest), warnings, details);
    }

    /** @return the {@code redis_version} line's value of an INFO server reply, or "unknown" */
    static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "unknown";
    }
}
