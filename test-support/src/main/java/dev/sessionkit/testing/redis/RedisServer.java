package dev.sessionkit.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * One real {@code redis-server} process, listening on a free port on 127.0.0.1 and working in a temporary
 * directory of its own.
 *
 * <p>By default the server persists nothing ({@code --save "" --appendonly no}) and allows {@code DEBUG}
 * from loopback clients so tests can stall it ({@code DEBUG SLEEP}). Extra config arguments given to
 * {@link #start(String...)} follow the defaults on the command line, so they override them
 * (e.g. {@code "--appendonly", "yes"}).
 *
 * <p>{@link #start(String...)} returns only once the process answers {@code PING}, and fails with an
 * {@link IllegalStateException} carrying the server log if it does not within 10 seconds. A missing
 * {@code redis-server} or {@code redis-cli} binary is an {@link IllegalStateException} too, never a skip.
 * Servers still running when the JVM exits are stopped by a shutdown hook, and a watchdog process stops
 * them when the JVM dies without running its hooks.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int BIND_ATTEMPTS = 5;
    private static final String PORT_TAKEN = "Address already in use";
    private static final String COMMAND_STATS_PREFIX = "cmdstat_";

    private final Path binary;
    private final int port;
    private final boolean sentinel;
    private final List<String> extraConfig;
    private final Path directory;
    private final Path log;
    private Process process;
    private Process watchdog;
    private boolean stopped;

    private RedisServer(Path binary, int port, boolean sentinel, List<String> extraConfig) {
        this.binary = binary;
        this.port = port;
        this.sentinel = sentinel;
        this.extraConfig = List.copyOf(extraConfig);
        try {
            this.directory = Files.createTempDirectory("redis-" + port + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for redis-server", e);
        }
        this.log = directory.resolve("redis.log");
        ProcessReaper.track(this);
    }

    /**
     * Starts a server and waits until it answers {@code PING}.
     *
     * @param extraConfig redis-server command-line arguments appended after the defaults,
     *                    e.g. {@code "--notify-keyspace-events", "Ex"}
     */
    public static RedisServer start(String... extraConfig) {
        return start(FreePorts::loopback, false, List.of(extraConfig));
    }

    /**
     * Starts a server on a port from {@code ports}, asking for another one when a different process bound
     * the chosen port first. With {@code sentinel} the process runs in Sentinel mode.
     */
    static RedisServer start(IntSupplier ports, boolean sentinel, List<String> extraConfig) {
        Path binary = Executables.redisServer();
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            RedisServer server = new RedisServer(binary, ports.getAsInt(), sentinel, extraConfig);
            boolean bound;
            try {
                bound = server.launch();
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            if (bound) {
                return server;
            }
            server.stop();
        }
        throw new IllegalStateException("redis-server found its port taken in " + BIND_ATTEMPTS + " attempts");
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /**
     * Runs {@code redis-cli -h 127.0.0.1 -p PORT args} and returns what it printed, without the final newline.
     * Redis error replies come back as text (e.g. {@code "ERR unknown command ..."}); only a failure of
     * redis-cli itself, such as a refused connection, throws {@link IllegalStateException}.
     */
    public String cli(String... args) {
        return RedisCli.call(RedisCli.at(port, List.of(args)));
    }

    /** {@code FLUSHALL}: removes every key in every database. */
    public void flushAll() {
        OkCommands.send(port, List.of(List.of("FLUSHALL")));
    }

    /**
     * Calls per command since start or {@link #resetStats()}, from {@code INFO commandstats}, keyed by the
     * name Redis reports after {@code cmdstat_} (lower case, subcommands as {@code "config|resetstat"}).
     * The counts include this class's own calls: {@code ping} and {@code info} while starting,
     * {@code config|resetstat} from a reset, and {@code info} from each earlier call of this method.
     */
    public Map<String, Long> commandStats() {
        return parseCommandStats(cli("INFO", "commandstats"));
    }

    /** {@code CONFIG RESETSTAT}: zeroes the counts {@link #commandStats()} reports. */
    public void resetStats() {
        OkCommands.send(port, List.of(List.of("CONFIG", "RESETSTAT")));
    }

    /**
     * Makes a server kept for the next test class look freshly started: no keys, no cached scripts, zeroed
     * counts and the keyspace-event flags it started with. Throws when the server no longer answers.
     */
    void resetForReuse() {
        OkCommands.send(port, List.of(
                List.of("FLUSHALL"),
                List.of("SCRIPT", "FLUSH"),
                List.of("CONFIG", "SET", "notify-keyspace-events", startingKeyspaceEvents()),
                List.of("CONFIG", "RESETSTAT")));
    }

    private String startingKeyspaceEvents() {
        int option = extraConfig.lastIndexOf("--notify-keyspace-events");
        return option < 0 || option + 1 >= extraConfig.size() ? "" : extraConfig.get(option + 1);
    }

    /**
     * Kills the process without warning (SIGKILL) to simulate a crash. Its directory stays, so
     * {@link #restart()} brings back whatever it had persisted.
     */
    public synchronized void kill() {
        requireNotStopped();
        terminate(false);
        endWatch();
    }

    /**
     * Stops the process gracefully if it is running and starts it again on the same port in the same
     * directory, so data persisted there (e.g. with {@code --appendonly yes}) survives.
     */
    public synchronized void restart() {
        requireNotStopped();
        terminate(true);
        endWatch();
        if (!launch()) {
            throw new IllegalStateException("port " + port + " was taken while redis-server restarted; log:\n" + log());
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes its directory. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        terminate(true);
        deleteDirectory();
        // Last: a JVM killed while this runs leaves the rest to the watchdog.
        endWatch();
        stopped = true;
        ProcessReaper.untrack(this);
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "redis-server " + host() + ":" + port;
    }

    Path directory() {
        return directory;
    }

    private static Map<String, Long> parseCommandStats(String info) {
        Map<String, Long> calls = new TreeMap<>();
        info.lines().map(String::strip).filter(line -> line.startsWith(COMMAND_STATS_PREFIX)).forEach(line -> {
            int colon = line.indexOf(':');
            String fields = line.substring(colon + 1);
            int start = fields.indexOf("calls=") + "calls=".length();
            int end = fields.indexOf(',', start);
            String count = end < 0 ? fields.substring(start) : fields.substring(start, end);
            calls.put(line.substring(COMMAND_STATS_PREFIX.length(), colon), Long.parseLong(count));
        });
        return Collections.unmodifiableMap(calls);
    }

    /** Returns false when another process holds the port; throws on any other failure to come up. */
    private synchronized boolean launch() {
        Process started;
        try {
            started = new ProcessBuilder(command())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        process = started;
        watchdog = OrphanWatchdog.watch(started.pid(), directory);
        boolean settled = Poll.until(START_TIMEOUT, () -> !started.isAlive() || answersAs(started));
        if (started.isAlive()) {
            if (settled) {
                return true;
            }
            terminate(false);
            endWatch();
            throw new IllegalStateException(
                    this + " did not answer PING within " + START_TIMEOUT.toSeconds() + " s; log:\n" + log());
        }
        endWatch();
        String output = log();
        if (output.contains(PORT_TAKEN)) {
            return false;
        }
        throw new IllegalStateException(this + " exited with " + started.exitValue() + " on start; log:\n" + output);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (sentinel) {
            command.add(sentinelConfig().toString());
            command.add("--sentinel");
        }
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", FreePorts.LOOPBACK,
                "--dir", directory.toString(),
                "--save", "",
                "--appendonly", "no",
                "--enable-debug-command", "local"));
        command.addAll(extraConfig);
        return command;
    }

    /** Sentinel insists on a writable config file to record what it monitors; it starts out empty. */
    private Path sentinelConfig() {
        Path config = directory.resolve("sentinel.conf");
        try {
            if (Files.notExists(config)) {
                Files.createFile(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + config, e);
        }
        return config;
    }

    /**
     * PONG alone is not enough: if another server grabbed the port first, it would answer while ours is
     * still on its way to exiting, so the process id must match as well.
     */
    private boolean answersAs(Process candidate) {
        RedisCli.Result ping = RedisCli.exec(PROBE_TIMEOUT, RedisCli.at(port, List.of("PING")));
        if (!ping.succeeded() || !ping.output().equals("PONG")) {
            return false;
        }
        RedisCli.Result info = RedisCli.exec(PROBE_TIMEOUT, RedisCli.at(port, List.of("INFO", "server")));
        String processId = "process_id:" + candidate.pid();
        return info.succeeded() && info.output().lines().map(String::strip).anyMatch(processId::equals);
    }

    private void endWatch() {
        if (watchdog != null) {
            watchdog.destroy();
            watchdog = null;
        }
    }

    private void terminate(boolean gracefully) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            if (gracefully) {
                process.destroy();
                if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            process.destroyForcibly();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping " + this, e);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    private String log() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void requireNotStopped() {
        if (stopped) {
            throw new IllegalStateException(this + " was stopped and its directory deleted; start a new one");
        }
    }
}
