package dev.sessionkit.bench.load;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load run asks the benchmark's own Redis: command counts, CPU, memory per session, and the exact
 * commands of single requests (MONITOR). Never used while wrk is measuring, except for the counts read before
 * and after. A Redis Cluster is asked node by node: every count, CPU figure and memory total is the sum over
 * its masters, and MONITOR runs on each of them, its lines merged.
 */
final class RedisProbe implements AutoCloseable {

    private static final Pattern MONITOR_LINE = Pattern.compile("^[0-9.]+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"(.*)$");
    private static final Pattern CALLS = Pattern.compile("calls=(\\d+)");

    /** Memory a contender's sessions take in Redis. */
    record Memory(int sessions, int keys, long bytes, long typicalSessionKeyBytes, String typicalSessionKey,
                  Map<String, Long> bytesByKind) {

        long bytesPerSession() {
            return bytes / sessions;
        }
    }

    /** Commands one kind of request sends: round trips (top level) and everything Redis ran (Lua included). */
    record RequestCommands(String kind, int requests, long topLevel, long inLua, Map<String, Long> topLevelByName,
                           Map<String, Long> inLuaByName) {

        double roundTrips() {
            return (double) topLevel / requests;
        }

        double executed() {
            return (double) (topLevel + inLua) / requests;
        }

        /** The same requests as seen by another node of a cluster: both nodes' commands together. */
        RequestCommands plus(RequestCommands other) {
            if (!kind.equals(other.kind) || requests != other.requests) {
                throw new IllegalArgumentException("cannot add " + other.kind + " to " + kind);
            }
            Map<String, Long> top = new TreeMap<>(topLevelByName);
            other.topLevelByName.forEach((name, count) -> top.merge(name, count, Long::sum));
            Map<String, Long> lua = new TreeMap<>(inLuaByName);
            other.inLuaByName.forEach((name, count) -> lua.merge(name, count, Long::sum));
            return new RequestCommands(kind, requests, topLevel + other.topLevel, inLua + other.inLua, top, lua);
        }
    }

    /** One redis-server: where it listens and the probe's own connection to it. */
    private record Node(String host, int port, Jedis jedis) {
    }

    private final List<Node> nodes;

    /** @param nodes every master: the one redis-server, or each master of a cluster */
    RedisProbe(List<HostAndPort> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no Redis node to probe");
        }
        this.nodes = nodes.stream().map(node -> new Node(node.getHost(), node.getPort(), new Jedis(node))).toList();
    }

    void reset(String keyspaceEvents) {
        for (Node node : nodes) {
            node.jedis().flushAll();
            node.jedis().configSet("notify-keyspace-events", keyspaceEvents);
        }
    }

    /** @return the first node's {@code notify-keyspace-events} setting, as a contender left it */
    String keyspaceEvents() {
        return nodes.get(0).jedis().configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
    }

    /** {@code CONFIG RESETSTAT} on every node; the CPU figures are not reset by it, read them with {@link #cpuSeconds()}. */
    void resetStats() {
        nodes.forEach(node -> node.jedis().configResetStat());
    }

    /** @return commands every node ran since {@link #resetStats()}, summed by name, this probe's own excluded */
    Map<String, Long> commandStats() {
        Map<String, Long> calls = new TreeMap<>();
        for (Node node : nodes) {
            for (String line : node.jedis().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    Matcher m = CALLS.matcher(line);
                    if (m.find() && !name.equals("info") && !name.equals("config|resetstat")) {
                        calls.merge(name, Long.parseLong(m.group(1)), Long::sum);
                    }
                }
            }
        }
        return calls;
    }

    /**
     * @return CPU seconds every redis-server has used since it started (user + system, main and background
     *         threads), summed over the nodes
     */
    double cpuSeconds() {
        double total = 0;
        for (Node node : nodes) {
            for (String line : node.jedis().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        return total;
    }

    /**
     * @param sessions how many sessions the keyspace holds
     * @return {@code MEMORY USAGE} of every key, summed, and of a typical session hash
     */
    Memory memory(int sessions) {
        int keyCount = 0;
        long total = 0;
        Map<String, Long> byKind = new TreeMap<>();
        List<Long> hashes = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        for (Node node : nodes) {
            Set<String> keys = new TreeSet<>(node.jedis().keys("*"));
            keyCount += keys.size();
            for (String key : keys) {
                long bytes = node.jedis().memoryUsage(key, 0);
                String type = node.jedis().type(key);
                total += bytes;
                byKind.merge(kind(key) + " (" + type + ")", bytes, Long::sum);
                if (type.equals("hash")) {
                    hashes.add(bytes);
                    hashKeys.add(key);
                }
            }
        }
        long typical = 0;
        String typicalKey = null;
        if (!hashes.isEmpty()) {
            List<Long> sorted = new ArrayList<>(hashes);
            sorted.sort(null);
            typical = sorted.get(sorted.size() / 2);
            typicalKey = kind(hashKeys.get(hashes.indexOf(typical)));
        }
        return new Memory(sessions, keyCount, total, typical, typicalKey, byKind);
    }

    /** A key with the random part replaced by {@code <id>}, so keys of one kind group together. */
    private static String kind(String key) {
        return key.replaceAll("\\{[A-Za-z0-9_-]{8}\\}[A-Za-z0-9_-]{43}", "{<lineage>}<id>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll(":\\d{10,}$", ":<ms>");
    }

    /**
     * Runs requests one at a time with MONITOR on every node, and counts what each kind sent to Redis, all
     * nodes together.
     *
     * @param http     the client
     * @param port     the server's port
     * @param cookies  session cookies to use
     * @param perKind  requests of each kind
     * @param workDir  where MONITOR's output is kept
     * @param name     file name stem
     * @return read-only, write and new-session requests' commands
     */
    List<RequestCommands> monitor(HttpClient http, int port, List<String> cookies, int perKind, Path workDir, String name)
            throws IOException, InterruptedException {
        List<Path> outputs = new ArrayList<>();
        List<Process> monitors = new ArrayList<>();
        try {
            for (Node node : nodes) {
                Path out = workDir.resolve(nodes.size() == 1 ? name + ".monitor" : name + "-" + node.port() + ".monitor");
                outputs.add(out);
                monitors.add(new ProcessBuilder("redis-cli", "-h", node.host(), "-p", Integer.toString(node.port()), "monitor")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start());
            }
            for (Path out : outputs) {
                awaitLine(out, "OK");
            }
            String[][] kinds = {{"read-only", "/bench?w=0"}, {"write", "/bench?w=1"}, {"new session", "/login"}};
            for (String[] kind : kinds) {
                nodes.forEach(node -> node.jedis().echo("probe:" + kind[0]));
                for (int i = 0; i < perKind; i++) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + kind[1]))
                            .timeout(Duration.ofSeconds(10));
                    if (!kind[1].equals("/login")) {
                        request.header("Cookie", cookies.get(i % cookies.size()));
                    }
                    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(kind[1] + " answered " + response.statusCode());
                    }
                }
            }
            nodes.forEach(node -> node.jedis().echo("probe:end"));
            for (Path out : outputs) {
                awaitLine(out, "probe:end");
            }
        } finally {
            for (Process monitor : monitors) {
                monitor.destroy();
                monitor.waitFor(10, TimeUnit.SECONDS);
            }
        }
        List<RequestCommands> merged = new ArrayList<>();
        for (Path out : outputs) {
            List<RequestCommands> node = parseMonitor(Files.readAllLines(out, StandardCharsets.UTF_8), perKind);
            if (merged.isEmpty()) {
                merged.addAll(node);
            } else if (node.size() != merged.size()) {
                throw new IllegalStateException(out + " shows " + node.size() + " kinds of request, the first node "
                        + merged.size());
            } else {
                for (int i = 0; i < merged.size(); i++) {
                    merged.set(i, merged.get(i).plus(node.get(i)));
                }
            }
        }
        return merged;
    }

    /** Waits up to 10 s for MONITOR's output to show {@code text} (its first reply, or the closing marker). */
    private static void awaitLine(Path out, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(out).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static List<RequestCommands> parseMonitor(List<String> lines, int perKind) {
        List<RequestCommands> result = new ArrayList<>();
        String kind = null;
        String probeClient = null;
        Map<String, Long> top = new TreeMap<>();
        Map<String, Long> lua = new TreeMap<>();
        for (String line : lines) {
            Matcher m = MONITOR_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String client = m.group(1);
            String command = m.group(2).toLowerCase(Locale.ROOT);
            if (command.equals("echo") && m.group(3).contains("\"probe:")) {
                probeClient = client;
                if (kind != null) {
                    result.add(commands(kind, perKind, top, lua));
                }
                kind = m.group(3).trim().replace("\"", "").substring("probe:".length());
                top = new TreeMap<>();
                lua = new TreeMap<>();
                continue;
            }
            if (kind == null || client.equals(probeClient)) {
                continue;
            }
            (client.equals("lua") ? lua : top).merge(command, 1L, Long::sum);
        }
        return result;
    }

    private static RequestCommands commands(String kind, int requests, Map<String, Long> top, Map<String, Long> lua) {
        long topCount = top.values().stream().mapToLong(Long::longValue).sum();
        long luaCount = lua.values().stream().mapToLong(Long::longValue).sum();
        return new RequestCommands(kind, requests, topCount, luaCount, top, lua);
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.jedis().close());
    }
}
