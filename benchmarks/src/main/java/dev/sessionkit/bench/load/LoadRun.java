package dev.sessionkit.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end-to-end load run: every contender on Jetty 12 in a JVM of its own, loaded by wrk from another
 * process over 127.0.0.1, in several rounds with the contenders interleaved (each round starts one further
 * along the list), against a redis-server of its own on a free loopback port (and, for the Cluster contenders,
 * a Redis Cluster of their master count; its counts, CPU and MONITOR output are summed over the masters). The JDBC
 * contenders, when named, each get a database of their own on one PostgreSQL cluster the run starts
 * ({@link BenchPostgres}); their row's store CPU is that cluster's processes' CPU time.
 *
 * <p>First every server JVM is started and warmed up ({@code --initial-warmup} seconds of load, the first half
 * with 2 connections: on 2 cores C2 needs 30-60 s of full load to settle, about half that this way). Then, per round and contender: Redis flushed and its keyspace-event setting
 * restored for that contender, {@code --sessions} fresh sessions created through {@code /login}, a short
 * re-warm, and the measured run; Redis command counts and CPU, and the server JVM's CPU, are read right
 * before and after it. Idle servers wait while another is measured. Each Redis contender is also probed
 * once: memory per session (right after its first sessions, on an otherwise empty Redis), and the exact
 * commands of single read-only, write and new-session requests under MONITOR (round 1).
 *
 * <pre>
 * LoadRun [--rounds 3] [--initial-warmup 30] [--warmup 3] [--duration 10] [--threads 2] [--connections 32]
 *         [--sessions 64] [--contenders all|a,b,...] [--heap 1g] [--jetty-header-cache 0] [--jfr] --out DIR
 * </pre>
 */
public final class LoadRun {

    private LoadRun() {
    }

    /** Command-line options. */
    record Options(int rounds, int initialWarmup, int warmup, int duration, int threads, int connections, int sessions,
                   List<Contender> contenders, String heap, int headerCacheSize, boolean jfr, Path out) {

        static Options parse(String[] args) {
            int rounds = 3;
            int initialWarmup = 30;
            int warmup = 3;
            int duration = 10;
            int threads = 2;
            int connections = 32;
            int sessions = 64;
            List<Contender> contenders = Contender.parseList("all");
            String heap = "1g";
            int headerCacheSize = 0;
            boolean jfr = false;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--initial-warmup" -> initialWarmup = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--duration" -> duration = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                    case "--contenders" -> contenders = Contender.parseList(args[++i]);
                    case "--heap" -> heap = args[++i];
                    case "--jetty-header-cache" -> headerCacheSize = Integer.parseInt(args[++i]);
                    case "--jfr" -> jfr = true;
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            if (rounds < 1 || rounds > 20 || duration < 1 || duration > 300 || warmup < 0 || warmup > 300
                    || initialWarmup < 0 || initialWarmup > 300 || connections < 1 || connections > 1024
                    || threads < 1 || threads > connections || sessions < 1 || sessions > 10_000) {
                throw new IllegalArgumentException("options out of range");
            }
            return new Options(rounds, initialWarmup, warmup, duration, threads, connections, sessions, contenders, heap,
                    headerCacheSize, jfr, out);
        }
    }

    /**
     * One contender in one round. {@code redisCpuMicros} is the CPU of the contender's store: Redis's, or for a JDBC
     * contender its PostgreSQL cluster's.
     */
    record RoundResult(Contender contender, int round, Wrk.Result wrk, Map<String, Long> commandStats,
                       double serverCpuMicros, double redisCpuMicros, double wrkCpuMicros, double otherCpuShare,
                       double stealShare, double cookieBytes,
                       RedisProbe.Memory memory, List<RedisProbe.RequestCommands> probe) {

        long redisCommands() {
            return commandStats.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Server + Redis + wrk CPU per request: what one request costs the machine, whatever else ran. */
        double totalCpuMicros() {
            return serverCpuMicros + redisCpuMicros + wrkCpuMicros;
        }
    }

    /**
     * A started contender, the probe of its Redis, what must be restored before each of its rounds, and the
     * PostgreSQL cluster its database is on (null for the contenders that use none).
     */
    private record Running(ServerProcess server, RedisProbe probe, String keyspaceEvents, RedisProbe.Memory memory,
                           BenchPostgres postgres) {

        /** @return CPU seconds the contender's store has used: its PostgreSQL cluster's, else its Redis's */
        double storeCpuSeconds() throws IOException {
            return postgres != null ? postgres.cpuMicros() / 1e6 : probe.cpuSeconds();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        Machine machine = Machine.describe();
        List<RoundResult> results = new ArrayList<>();
        Map<Contender, Running> servers = Collections.synchronizedMap(new EnumMap<>(Contender.class));
        AtomicReference<BenchPostgres> postgres = new AtomicReference<>();
        Thread cleanup = new Thread(() -> {
            stopAll(servers);
            try {
                stopPostgres(postgres);
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }, "load-run-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);

        RedisDeployments redis = RedisDeployments.start(options.contenders());
        try {
            if (options.contenders().stream().anyMatch(Contender::usesJdbc)) {
                postgres.set(BenchPostgres.start(options.out()));
            }
            machine = machine.withRedis(redis.serverInfo());
            Wrk wrk = new Wrk(options.out(), options.threads(), options.connections());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            log("Load run: %d configuration(s) x %d round(s); %d s initial warm-up, then per round %d s re-warm + %d s"
                            + " measured, wrk -t%d -c%d, %d sessions; %s; results in %s",
                    options.contenders().size(), options.rounds(), options.initialWarmup(), options.warmup(),
                    options.duration(), options.threads(), options.connections(), options.sessions(),
                    redis.describe() + (postgres.get() != null ? "; a PostgreSQL cluster of its own" : ""), options.out());

            for (Contender contender : options.contenders()) {
                try {
                    servers.put(contender, startAndWarm(contender, options, redis, postgres.get(), wrk, http));
                    log("started and warmed %-46s (pid %d)", contender.label(), servers.get(contender).server().pid());
                } catch (IllegalStateException | IOException | SQLException e) {
                    // One broken configuration must not cost the others' numbers; the report shows it missing.
                    log("%s FAILED to start: %s", contender.label(), e.getMessage());
                }
            }

            for (int round = 1; round <= options.rounds(); round++) {
                List<Contender> order = new ArrayList<>(servers.keySet());
                Collections.rotate(order, -(round - 1));
                for (Contender contender : order) {
                    RoundResult result;
                    try {
                        result = measure(contender, servers.get(contender), round, options, wrk, http);
                    } catch (IllegalStateException | IOException e) {
                        log("round %d %s FAILED: %s", round, contender.label(), e.getMessage());
                        continue;
                    }
                    results.add(result);
                    log("round %d %-46s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  redis cmds/req %5.2f  server CPU %4.0f µs/req"
                                    + "  wrk CPU %3.0f µs/req  other CPU %3.0f%%  steal %2.0f%%  errors %d",
                            round, contender.label(), result.wrk().throughput(), result.wrk().p50Micros() / 1000.0,
                            result.wrk().p99Micros() / 1000.0, (double) result.redisCommands() / result.wrk().requests(),
                            result.serverCpuMicros(), result.wrkCpuMicros(), 100 * result.otherCpuShare(),
                            100 * result.stealShare(), result.wrk().errors());
                }
            }
        } finally {
            stopAll(servers);
            try {
                redis.close();
            } finally {
                stopPostgres(postgres);
            }
        }
        machine = machine.finished();
        String report = Report.markdown(options, machine, results);
        Files.writeString(options.out().resolve("load.md"), report, StandardCharsets.UTF_8);
        Files.writeString(options.out().resolve("rounds.csv"), Report.csv(results), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private static Running startAndWarm(Contender contender, Options options, RedisDeployments redis, BenchPostgres postgres,
                                        Wrk wrk, HttpClient http) throws IOException, InterruptedException, SQLException {
        // The sessionkit Redis store listens for expiry events, as its README asks operators to enable (with
        // the near cache it adds the keyspace events the cache needs); the indexed Spring repository sets its
        // own (Egx) when it starts. Everyone else runs with none.
        RedisProbe probe = redis.probe(contender);
        probe.reset(contender == Contender.SESSIONKIT_REDIS || contender == Contender.SESSIONKIT_REDIS_NEAR_CACHE
                || contender == Contender.SESSIONKIT_REDIS_LOCK || contender.clusterMasters() > 0 ? "Ex" : "");
        List<String> jvm = List.of("-Xms" + options.heap(), "-Xmx" + options.heap(),
                "-Dbench.headerCacheSize=" + options.headerCacheSize());
        String store = null;
        if (contender.usesRedis()) {
            store = redis.address(contender);
        } else if (contender.usesJdbc()) {
            String database = contender.id().replace('-', '_');
            postgres.createDatabase(database);
            store = postgres.url(database);
        }
        ServerProcess server = ServerProcess.start(contender, store, jvm, options.out(), contender.id());
        try {
            String keyspaceEvents = probe.keyspaceEvents();
            List<String> cookies = createSessions(http, server.port(), contender, options.sessions());
            RedisProbe.Memory memory = contender.usesRedis() ? probe.memory(options.sessions()) : null;
            if (options.initialWarmup() > 0) {
                // First gently (2 connections), so the C2 compiler thread gets a CPU of its own instead of fighting
                // 32 request threads for it: on 2 cores that halves the time to steady state. Then at full load, so
                // the contended paths compile too.
                Path warmupCookies = writeCookies(options, contender.id() + "-warmup", cookies);
                int gentle = options.initialWarmup() / 2;
                if (gentle > 0) {
                    wrk.run(server.port(), gentle, warmupCookies, 1, 2);
                }
                wrk.run(server.port(), options.initialWarmup() - gentle, warmupCookies);
            }
            return new Running(server, probe, keyspaceEvents, memory, contender.usesJdbc() ? postgres : null);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static RoundResult measure(Contender contender, Running running, int round, Options options, Wrk wrk,
                                       HttpClient http) throws IOException, InterruptedException {
        ServerProcess server = running.server();
        RedisProbe probe = running.probe();
        probe.reset(running.keyspaceEvents());
        String name = contender.id() + "-r" + round;
        List<String> cookies = createSessions(http, server.port(), contender, options.sessions());
        Path cookieFile = writeCookies(options, name, cookies);
        double cookieBytes = cookies.stream().mapToInt(String::length).average().orElse(0);
        if (options.warmup() > 0) {
            wrk.run(server.port(), options.warmup(), cookieFile);
        }
        if (options.jfr()) {
            jcmd(server.pid(), "JFR.start", "name=" + name, "settings=profile");
        }
        double storeCpuBefore = running.storeCpuSeconds();
        probe.resetStats();
        long cpuBefore = server.cpuNanos();
        Machine.CpuTime machineBefore = Machine.cpuTime();
        Wrk.Result result = wrk.run(server.port(), options.duration(), cookieFile);
        Machine.CpuTime machine = Machine.cpuTime().minus(machineBefore);
        long cpuAfter = server.cpuNanos();
        Map<String, Long> commands = probe.commandStats();
        double storeCpuAfter = running.storeCpuSeconds();
        double serverCpu = (cpuAfter - cpuBefore) / 1e9;
        double storeCpu = storeCpuAfter - storeCpuBefore;
        // Whatever else ran meanwhile (other engineers' builds, this JVM): busy time nobody in the test used.
        double capacity = result.seconds() * Runtime.getRuntime().availableProcessors();
        double other = Math.max(0, machine.busy() - machine.steal() - serverCpu - storeCpu - machine.children()) / capacity;
        if (options.jfr()) {
            jcmd(server.pid(), "JFR.stop", "name=" + name, "filename=" + options.out().resolve(name + ".jfr").toAbsolutePath());
        }
        List<RedisProbe.RequestCommands> requestCommands = round == 1 && contender.usesRedis()
                ? probe.monitor(http, server.port(), cookies, 20, options.out(), name) : null;
        return new RoundResult(contender, round, result, commands, serverCpu * 1e6 / result.requests(),
                storeCpu * 1e6 / result.requests(), machine.children() * 1e6 / result.requests(), other,
                machine.steal() / capacity, cookieBytes,
                round == 1 ? running.memory() : null, requestCommands);
    }

    private static Path writeCookies(Options options, String name, List<String> cookies) throws IOException {
        Path file = options.out().resolve(name + ".cookies");
        Files.write(file, cookies, StandardCharsets.US_ASCII);
        return file;
    }

    /** Logs in {@code count} times and keeps each new session's cookie; checks the first one is served. */
    private static List<String> createSessions(HttpClient http, int port, Contender contender, int count)
            throws IOException, InterruptedException {
        List<String> cookies = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < count; i++) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(contender.id() + ": /login answered " + response.statusCode());
            }
            if (!contender.hasSessions()) {
                // Same request size as a signed session cookie, so the no-session ceiling parses the same headers.
                byte[] noise = new byte[55];
                random.nextBytes(noise);
                cookies.add("SESSION=" + Base64.getUrlEncoder().withoutPadding().encodeToString(noise));
                continue;
            }
            String cookie = response.headers().allValues("set-cookie").stream()
                    .map(header -> header.split(";", 2)[0].trim())
                    .filter(pair -> pair.startsWith(contender.cookieName() + "="))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(contender.id() + ": /login set no "
                            + contender.cookieName() + " cookie: " + response.headers().map()));
            cookies.add(cookie);
        }
        HttpResponse<Void> check = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench?w=0"))
                .header("Cookie", cookies.get(0)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (check.statusCode() != 200) {
            throw new IllegalStateException(contender.id() + ": a created session was not found (" + check.statusCode() + ")");
        }
        return cookies;
    }

    private static void stopAll(Map<Contender, Running> servers) {
        synchronized (servers) {
            for (Running running : servers.values()) {
                running.server().close();
            }
            servers.clear();
        }
    }

    /** Stops the run's PostgreSQL cluster, if it started one and it still runs. */
    private static void stopPostgres(AtomicReference<BenchPostgres> postgres) throws IOException {
        BenchPostgres running = postgres.getAndSet(null);
        if (running != null) {
            running.close();
        }
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + output);
        }
    }

    static void log(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
