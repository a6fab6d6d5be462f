package dev.sessionkit.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code wrk} against 127.0.0.1 with the cookie-picking script and reads what its {@code done()} printed. */
final class Wrk {

    /** What one wrk run measured. */
    record Result(long requests, double seconds, long p50Micros, long p90Micros, long p99Micros, long maxMicros,
                  long errors, long statusErrors) {

        double throughput() {
            return requests / seconds;
        }
    }

    private final Path script;
    private final int threads;
    private final int connections;

    /**
     * @param workDir     where the Lua script is written
     * @param threads     wrk threads
     * @param connections open connections, spread over the threads
     */
    Wrk(Path workDir, int threads, int connections) throws IOException {
        this.script = workDir.resolve("bench.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("bench.lua")) {
            Files.write(script, in.readAllBytes());
        }
        this.threads = threads;
        this.connections = connections;
    }

    /**
     * @param port    the server's port on 127.0.0.1
     * @param seconds how long to load it
     * @param cookies a file of {@code NAME=value} lines
     * @return what wrk measured
     */
    Result run(int port, int seconds, Path cookies) throws IOException, InterruptedException {
        return run(port, seconds, cookies, threads, connections);
    }

    /** As {@link #run(int, int, Path)} with other thread and connection counts (the gentle first warm-up). */
    Result run(int port, int seconds, Path cookies, int threads, int connections) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
                "-s", script.toString(), "http://127.0.0.1:" + port + "/bench", "--", cookies.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = wrk.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no RESULT line (exit " + wrk.exitValue() + "):\n" + text));
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring("RESULT ".length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        long errors = 0;
        for (String kind : List.of("connect", "read", "write", "status", "timeout")) {
            errors += Long.parseLong(fields.get(kind));
        }
        return new Result(Long.parseLong(fields.get("requests")), Long.parseLong(fields.get("duration_us")) / 1e6,
                Long.parseLong(fields.get("p50_us")), Long.parseLong(fields.get("p90_us")),
                Long.parseLong(fields.get("p99_us")), Long.parseLong(fields.get("max_us")), errors,
                Long.parseLong(fields.get("status")));
    }
}
