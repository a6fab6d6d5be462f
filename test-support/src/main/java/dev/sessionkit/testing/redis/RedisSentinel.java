package dev.sessionkit.testing.redis;

import java.time.Duration;
import java.util.List;

/**
 * One Redis master and one Sentinel ({@code redis-server --sentinel}) monitoring it under the name
 * {@value #MASTER_NAME} with quorum 1, each on its own free loopback port.
 *
 * <p>{@link #start(String...)} returns once the Sentinel has connected to the master, so
 * {@code SENTINEL get-master-addr-by-name} answers with the master's address. There is no replica, so
 * the Sentinel cannot fail over; it serves clients that discover the master through Sentinel.
 */
public final class RedisSentinel implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";

    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);

    private final RedisServer master;
    private final RedisServer sentinel;

    private RedisSentinel(RedisServer master, RedisServer sentinel) {
        this.master = master;
        this.sentinel = sentinel;
    }

    /** @param masterConfig redis-server arguments for the master, as for {@link RedisServer#start(String...)} */
    public static RedisSentinel start(String... masterConfig) {
        RedisServer master = RedisServer.start(masterConfig);
        RedisServer sentinel = null;
        try {
            sentinel = RedisServer.start(FreePorts::loopback, true, List.of());
            RedisSentinel pair = new RedisSentinel(master, sentinel);
            pair.monitorMaster();
            return pair;
        } catch (RuntimeException e) {
            if (sentinel != null) {
                sentinel.stop();
            }
            master.stop();
            throw e;
        }
    }

    public RedisServer master() {
        return master;
    }

    /** The Sentinel process; its {@code cli} takes {@code SENTINEL ...} commands. */
    public RedisServer sentinel() {
        return sentinel;
    }

    public String masterName() {
        return MASTER_NAME;
    }

    /** {@code 127.0.0.1:PORT} of the Sentinel, the form Sentinel-aware clients take. */
    public String sentinelAddress() {
        return sentinel.host() + ":" + sentinel.port();
    }

    /** Stops the Sentinel, then the master, and deletes their directories. Idempotent. */
    public void stop() {
        sentinel.stop();
        master.stop();
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    private void monitorMaster() {
        String reply = sentinel.cli("SENTINEL", "MONITOR", MASTER_NAME, master.host(),
                Integer.toString(master.port()), "1");
        if (!reply.equals("OK")) {
            throw new IllegalStateException("SENTINEL MONITOR failed: " + reply);
        }
        if (!Poll.until(MONITOR_TIMEOUT, this::sentinelSeesMaster)) {
            throw new IllegalStateException("Sentinel did not connect to " + master + " within "
                    + MONITOR_TIMEOUT.toSeconds() + " s:\n" + sentinel.cli("SENTINEL", "MASTER", MASTER_NAME));
        }
    }

    /** Until its link is up, Sentinel flags the master {@code master,disconnected}. */
    private boolean sentinelSeesMaster() {
        List<String> fields = sentinel.cli("SENTINEL", "MASTER", MASTER_NAME).lines().toList();
        int flags = fields.indexOf("flags");
        return flags >= 0 && flags + 1 < fields.size() && fields.get(flags + 1).equals("master");
    }
}
