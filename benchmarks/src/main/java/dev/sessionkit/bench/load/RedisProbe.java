package dev.sessionkit.bench.load;

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
 * What the load run asks the benchmark's own redis-server: command counts, CPU, memory per session, and the
 * exact commands of single requests (MONITOR). Never used while wrk is measuring, except for the counts
 * read before and after.
 */
final class RedisProbe implements AutoCloseable {

    private static final Pattern MONITOR_LINE = Pattern.compile("^[0-9.]+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"(.*)$");

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
    }

    private final String host;
    private final int port;
    private final Jedis jedis;

    RedisProbe(String host, int port) {
        this.host = host;
        this.port = port;
        this.jedis = new Jedis(host, port);
    }

    void reset(String keyspaceEvents) {
        jedis.flushAll();
        jedis.configSet("notify-keyspace-events", keyspaceEvents);
    }

    /** @return the server's {@code notify-keyspace-events} setting, as a contender left it */
    String keyspaceEvents() {
        return jedis.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
    }

    /** {@code CONFIG RESETSTAT}; the CPU figures are not reset by it, read them with {@link #cpuSeconds()}. */
    void resetStats() {
        jedis.configResetStat();
    }

    /** @return commands Redis ran since {@link #resetStats()}, this probe's own excluded, by name */
    Map<String, Long> commandStats() {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                Matcher m = Pattern.compile("calls=(\\d+)").matcher(line);
                if (m.find() && !name.equals("info") && !name.equals("config|resetstat")) {
                    calls.put(name, Long.parseLong(m.group(1)));
                }
            }
        }
        return calls;
    }

    /** @return CPU seconds redis-server has used since it started (user + system, main and background threads) */
    double cpuSeconds() {
        double total = 0;
        for (String line : jedis.info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    /**
     * @param sessions how many sessions the keyspace holds
     * @return {@code MEMORY USAGE} of every key, summed, and of a typical session hash
     */
    Memory memory(int sessions) {
        Set<String> keys = new TreeSet<>(jedis.keys("*"));
        long total = 0;
        Map<String, Long> byKind = new TreeMap<>();
        List<Long> hashes = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        for (String key : keys) {
            long bytes = jedis.memoryUsage(key, 0);
            String type = jedis.type(key);
            total += bytes;
            byKind.merge(kind(key) + " (" + type + ")", bytes, Long::sum);
            if (type.equals("hash")) {
                hashes.add(bytes);
                hashKeys.add(key);
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
        return new Memory(sessions, keys.size(), total, typical, typicalKey, byKind);
    }

    /** A key with the random part replaced by {@code <id>}, so keys of one kind group together. */
    private static String kind(String key) {
        return key.replaceAll("\\{[A-Za-z0-9_-]{8}\\}[A-Za-z0-9_-]{43}", "{<lineage>}<id>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll(":\\d{10,}$", ":<ms>");
    }

    /**
     * Runs requests one at a time with MONITOR on, and counts what each kind sent to Redis.
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
        Path out = workDir.resolve(name + ".monitor");
        Process monitor = new ProcessBuilder("redis-cli", "-h", host, "-p", Integer.toString(this.port), "monitor")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(out).startsWith("OK") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String[][] kinds = {{"read-only", "/bench?w=0"}, {"write", "/bench?w=1"}, {"new session", "/login"}};
            for (String[] kind : kinds) {
                jedis.echo("probe:" + kind[0]);
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
            jedis.echo("probe:end");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(out).contains("probe:end") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            monitor.destroy();
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
        return parseMonitor(Files.readAllLines(out, StandardCharsets.UTF_8), perKind);
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
        jedis.close();
    }
}
