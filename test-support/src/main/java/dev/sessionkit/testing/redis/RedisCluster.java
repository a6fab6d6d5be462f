package dev.sessionkit.testing.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of N masters and no replicas, each a {@link RedisServer} on its own free loopback
 * port (with port + 10000 free for the cluster bus) and in its own directory.
 *
 * <p>{@link #start(int, String...)} creates the cluster with {@code redis-cli --cluster create} (which wants
 * at least 3 masters; 1 or 2 get their slots with {@code CLUSTER ADDSLOTSRANGE} and meet with
 * {@code CLUSTER MEET}) and returns once every node reports {@code cluster_state:ok}, or fails with an
 * {@link IllegalStateException} after 10 seconds. All 16384 slots are spread over the masters, so keys land
 * on different nodes.
 */
public final class RedisCluster implements AutoCloseable {

    public static final int DEFAULT_MASTERS = 3;

    /** {@code redis-cli --cluster create} refuses fewer; {@link #start(int, String...)} assigns slots by hand then. */
    private static final int MIN_MASTERS = 3;
    private static final int SLOTS = 16384;
    private static final Duration STATE_OK_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> CLUSTER_CONFIG = List.of(
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "2000");

    private final List<RedisServer> nodes;
    private final List<String> config;
    private final List<Integer> tlsPorts;

    private RedisCluster(List<RedisServer> nodes, List<String> config, List<Integer> tlsPorts) {
        this.nodes = new CopyOnWriteArrayList<>(nodes);
        this.config = List.copyOf(config);
        this.tlsPorts = List.copyOf(tlsPorts);
    }

    /** Starts a cluster of {@value #DEFAULT_MASTERS} masters; see {@link #start(int, String...)}. */
    public static RedisCluster start(String... extraConfig) {
        return start(DEFAULT_MASTERS, extraConfig);
    }

    /**
     * @param masters     number of master nodes, at least 1 (a cluster of one master still speaks the Cluster
     *                    protocol: a client discovers the topology and routes by slot)
     * @param extraConfig redis-server arguments for every node, after the cluster settings
     */
    public static RedisCluster start(int masters, String... extraConfig) {
        if (masters < 1) {
            throw new IllegalArgumentException("Redis Cluster needs at least one master: " + masters);
        }
        List<String> config = new ArrayList<>(CLUSTER_CONFIG);
        config.addAll(List.of(extraConfig));
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start(FreePorts::withClusterBus, false, config));
            }
            RedisCluster cluster = new RedisCluster(nodes, config, List.of());
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::stop);
            throw e;
        }
    }

    /**
     * Starts a cluster that speaks TLS to clients and between its nodes ({@code tls-cluster yes},
     * {@code tls-replication yes}), so a TLS client is told the nodes' TLS ports. Each node keeps a
     * plain-text port for the test's own {@code redis-cli}; give a client only {@link #tlsPorts()}.
     *
     * @param certificates the server certificate every node presents
     * @param masters      number of master nodes, at least 3
     * @param extraConfig  redis-server arguments for every node
     */
    public static RedisCluster startTls(TlsCertificates certificates, int masters, String... extraConfig) {
        if (masters < MIN_MASTERS) {
            throw new IllegalArgumentException("Redis Cluster needs at least " + MIN_MASTERS + " masters: " + masters);
        }
        List<String> shared = new ArrayList<>(CLUSTER_CONFIG);
        shared.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes"));
        shared.addAll(List.of(extraConfig));
        List<RedisServer> nodes = new ArrayList<>();
        List<Integer> tlsPorts = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                int port = FreePorts.withClusterBus();
                int tlsPort = FreePorts.loopback();
                List<String> node = new ArrayList<>(shared);
                // The bus follows the TLS port unless told otherwise; FreePorts checked port + 10000.
                node.addAll(List.of("--cluster-port", Integer.toString(port + FreePorts.CLUSTER_BUS_OFFSET)));
                node.addAll(certificates.serverArgs(tlsPort));
                nodes.add(RedisServer.start(() -> port, false, node));
                tlsPorts.add(tlsPort);
            }
            RedisCluster cluster = new RedisCluster(nodes, shared, tlsPorts);
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::stop);
            throw e;
        }
    }

    /** @return the TLS port of each master, in the order of {@link #nodes()}; empty for a plain cluster */
    public List<Integer> tlsPorts() {
        return tlsPorts;
    }

    /** The master nodes, in the order they were started; each has its own {@code host()}, {@code port()} and {@code cli}. */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Starts one more master, as an operator growing the cluster does, and returns once every node knows
     * it. It owns no slots until {@link #moveSlot} gives it some.
     */
    public RedisServer addMaster() {
        RedisServer added = RedisServer.start(FreePorts::withClusterBus, false, config);
        try {
            RedisServer seed = nodes.get(0);
            RedisCli.call(List.of("--cluster", "add-node", added.host() + ":" + added.port(), seed.host() + ":" + seed.port()));
            nodes.add(added);
            String id = id(added);
            if (!Poll.until(STATE_OK_TIMEOUT, () -> nodes.stream().allMatch(node -> node.cli("CLUSTER", "NODES").contains(id)))) {
                throw new IllegalStateException("the other nodes did not learn of " + added + " within "
                        + STATE_OK_TIMEOUT.toSeconds() + " s");
            }
            return added;
        } catch (RuntimeException e) {
            nodes.remove(added);
            added.stop();
            throw e;
        }
    }

    /**
     * Moves one hash slot, with its keys, to {@code target}, the way {@code redis-cli --cluster reshard}
     * does: IMPORTING and MIGRATING, MIGRATE of the keys, then the new owner announced to every node.
     *
     * @param slot   0 to 16383, as {@code CLUSTER KEYSLOT} gives it
     * @param target a node of this cluster
     */
    public void moveSlot(int slot, RedisServer target) {
        RedisServer source = nodes.stream().filter(node -> owns(node, slot)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node owns slot " + slot));
        String sourceId = id(source);
        String targetId = id(target);
        target.cli("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", sourceId);
        source.cli("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", targetId);
        for (int batch = 0; batch < 10_000; batch++) {
            String keys = source.cli("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "100");
            if (keys.isBlank()) {
                break;
            }
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", target.host(), Integer.toString(target.port()),
                    "", "0", "5000", "KEYS"));
            migrate.addAll(keys.lines().toList());
            source.cli(migrate.toArray(String[]::new));
        }
        for (RedisServer node : nodes) {
            node.cli("CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", targetId);
        }
    }

    private static String id(RedisServer node) {
        return node.cli("CLUSTER", "MYID").strip();
    }

    private static boolean owns(RedisServer node, int slot) {
        return node.cli("CLUSTER", "NODES").lines()
                .filter(line -> line.contains("myself"))
                .flatMap(line -> Arrays.stream(line.split(" ")).skip(8))
                .anyMatch(range -> inRange(range, slot));
    }

    private static boolean inRange(String range, int slot) {
        if (range.startsWith("[")) {
            return false; // a slot being imported or migrated
        }
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
        return slot >= from && slot <= to;
    }

    /** {@code redis://127.0.0.1:PORT} of the first node; a cluster client discovers the others from it. */
    public String uri() {
        return nodes.get(0).uri();
    }

    /**
     * Runs {@code redis-cli -c} against the first node, so it follows {@code MOVED} redirects: a key can be
     * read or written without knowing which node owns its slot.
     */
    public String cli(String... args) {
        List<String> arguments = new ArrayList<>(List.of("-c"));
        arguments.addAll(RedisCli.at(nodes.get(0).port(), List.of(args)));
        return RedisCli.call(arguments);
    }

    /** {@link RedisServer#commandStats()} summed over all nodes. */
    public Map<String, Long> commandStats() {
        Map<String, Long> sum = new TreeMap<>();
        nodes.forEach(node -> node.commandStats().forEach((command, calls) -> sum.merge(command, calls, Long::sum)));
        return Collections.unmodifiableMap(sum);
    }

    /** {@link RedisServer#resetStats()} on every node. */
    public void resetStats() {
        nodes.forEach(RedisServer::resetStats);
    }

    /** {@link RedisServer#flushAll()} on every master. */
    public void flushAll() {
        nodes.forEach(RedisServer::flushAll);
    }

    /** {@link RedisServer#resetForReuse()} on every node. */
    void resetForReuse() {
        nodes.forEach(RedisServer::resetForReuse);
    }

    /** Stops every node and deletes their directories. Idempotent. */
    public void stop() {
        nodes.forEach(RedisServer::stop);
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    private void create() {
        if (nodes.size() < MIN_MASTERS) {
            assignSlotsByHand();
        } else {
            List<String> arguments = new ArrayList<>(List.of("--cluster", "create"));
        nodes.forEach(node -> arguments.add(node.host() + ":" + node.port()));
            arguments.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            RedisCli.call(arguments);
        }
        if (!Poll.until(STATE_OK_TIMEOUT, () -> nodes.stream().allMatch(RedisCluster::isStateOk))) {
            throw new IllegalStateException("cluster did not reach cluster_state:ok within "
                    + STATE_OK_TIMEOUT.toSeconds() + " s:\n" + nodes.stream()
                    .map(node -> node + "\n" + node.cli("CLUSTER", "INFO"))
                    .collect(Collectors.joining("\n")));
        }
    }

    /** An equal share of the slots to each node, and every node introduced to the first. */
    private void assignSlotsByHand() {
        RedisServer first = nodes.get(0);
        for (int i = 0; i < nodes.size(); i++) {
            RedisServer node = nodes.get(i);
            String from = Integer.toString(SLOTS * i / nodes.size());
            String to = Integer.toString(SLOTS * (i + 1) / nodes.size() - 1);
            requireOk(node.cli("CLUSTER", "ADDSLOTSRANGE", from, to), "CLUSTER ADDSLOTSRANGE on " + node);
            if (i > 0) {
                requireOk(node.cli("CLUSTER", "MEET", first.host(), Integer.toString(first.port())), "CLUSTER MEET on " + node);
            }
        }
    }

    private static void requireOk(String reply, String command) {
        if (!reply.equals("OK")) {
            throw new IllegalStateException(command + " failed: " + reply);
        }
    }

    private static boolean isStateOk(RedisServer node) {
        return node.cli("CLUSTER", "INFO").lines().map(String::strip).anyMatch("cluster_state:ok"::equals);
    }
}
