package dev.sessionkit.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link BenchServer} JVM: started, asked for its port and CPU time, stopped. */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param contender what to serve
     * @param redisUri  the Redis URI, or null
     * @param jvmArgs   options for the server JVM
     * @param logDir    where its stdout and stderr go
     * @param name      file name stem for the logs
     * @return the server, once it serves
     */
    static ServerProcess start(Contender contender, String redisUri, List<String> jvmArgs, Path logDir, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchServer.class.getName());
        command.add(contender.id());
        if (redisUri != null) {
            command.add(redisUri);
        }
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int ready = text.indexOf("READY ");
            if (ready >= 0 && text.indexOf('\n', ready) > 0) {
                int port = Integer.parseInt(text.substring(ready + 6, text.indexOf('\n', ready)).trim());
                return new ServerProcess(process, port, err);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(contender.id() + " server exited with " + process.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(contender.id() + " server did not start within " + START_TIMEOUT.toSeconds()
                + " s:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** @return CPU time (user + system) the server JVM has used so far, in nanoseconds */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("the OS does not report the server's CPU time"));
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            // An interrupted run must not leave a server behind; the caller still sees the interrupt.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
