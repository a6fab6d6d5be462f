package dev.sessionkit.bench.load;

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

/**
 * The JDBC rows of the load run: sessionkit's JDBC store against Spring Session JDBC, each on the same Jetty
 * server, servlet and request mix as {@link LoadRun} (1 request in 10 writes), each in a database of its own
 * on one PostgreSQL cluster this run starts with {@code pg_stat_statements}. Per contender: {@code --sessions}
 * logins, a warm-up, then the measured run, with the database's statements (pg_stat_statements),
 * transactions (pg_stat_database) and CPU time (/proc of the cluster's processes) read before and after.
 *
 * <pre>
 * JdbcLoadRun [--warmup 15] [--duration 20] [--threads 2] [--connections 32] [--sessions 64] --out DIR
 * </pre>
 */
public final class JdbcLoadRun {

    private JdbcLoadRun() {
    }

    record Row(Contender contender, Wrk.Result wrk, Map<String, Long> statements, long transactions, double dbCpuMicros,
               double bytesPerSession) {

        double perRequest(long count) {
            return count / (double) wrk.requests();
        }

        long dataStatements() {
            return statements.entrySet().stream().filter(e -> List.of("SELECT", "INSERT", "UPDATE", "DELETE").contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = 15;
        int duration = 20;
        int threads = 2;
        int connections = 32;
        int sessions = 64;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        Files.createDirectories(out);
        Wrk wrk = new Wrk(out, threads, connections);
        HttpClient http = HttpClient.newHttpClient();
        List<Row> rows = new ArrayList<>();
        try (BenchPostgres postgres = BenchPostgres.start(out)) {
            for (Contender contender : List.of(Contender.SESSIONKIT_JDBC, Contender.SPRING_JDBC)) {
                String database = contender.id().replace('-', '_');
                postgres.createDatabase(database);
                try (ServerProcess server = ServerProcess.start(contender, postgres.url(database), List.of("-Xmx1g"), out,
                        contender.id())) {
                    List<String> cookies = login(http, server.port(), contender, sessions);
                    Path cookieFile = out.resolve(contender.id() + ".cookies");
                    Files.write(cookieFile, cookies, StandardCharsets.US_ASCII);
                    wrk.run(server.port(), warmup, cookieFile);
                    postgres.resetStatements(database);
                    long transactionsBefore = postgres.transactions(database);
                    double cpuBefore = postgres.cpuMicros();
                    Wrk.Result result = wrk.run(server.port(), duration, cookieFile);
                    double cpuAfter = postgres.cpuMicros();
                    Thread.sleep(1_500); // backends report their transaction counts with a short delay
                    long transactions = postgres.transactions(database) - transactionsBefore;
                    Map<String, Long> statements = postgres.statements(database);
                    double disk = contender == Contender.SESSIONKIT_JDBC
                            ? postgres.bytesPerRow(database, "sessionkit_sessions", "sessionkit_sessions", "sessionkit_session_attributes")
                            : postgres.bytesPerRow(database, "spring_session", "spring_session", "spring_session_attributes");
                    rows.add(new Row(contender, result, statements, transactions, (cpuAfter - cpuBefore) / result.requests(), disk));
                    System.out.println(contender.id() + ": " + result + " " + statements + " transactions=" + transactions);
                }
            }
        }
        String table = table(rows, duration, connections);
        Files.writeString(out.resolve("jdbc.md"), table);
        System.out.println(table);
    }

    private static String table(List<Row> rows, int duration, int connections) {
        StringBuilder md = new StringBuilder();
        md.append("| Contender | req/s | p99 ms | errors | statements/request (SELECT, INSERT, UPDATE, DELETE) | of which SELECT / UPDATE"
                + " | BEGIN/request | transactions/request (autocommit statements included) | PostgreSQL CPU µs/request | disk bytes/session |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Map<String, Long> s = row.statements();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %d | %.2f | %.2f / %.2f | %.2f | %.2f | %.0f | %.0f |%n",
                    row.contender().label(), row.wrk().throughput(), row.wrk().p99Micros() / 1000.0,
                    row.wrk().errors(), row.perRequest(row.dataStatements()),
                    row.perRequest(s.getOrDefault("SELECT", 0L)), row.perRequest(s.getOrDefault("UPDATE", 0L)),
                    row.perRequest(s.getOrDefault("BEGIN", 0L)),
                    row.perRequest(row.transactions()), row.dbCpuMicros(), row.bytesPerSession()));
        }
        md.append(String.format(Locale.ROOT, "%nwrk %d connections, %d s measured per contender, 1 request in 10 writes.%n",
                connections, duration));
        return md.toString();
    }

    /** Logs in {@code count} times and keeps each session's cookie; checks the first one is served. */
    private static List<String> login(HttpClient http, int port, Contender contender, int count) throws Exception {
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(contender.id() + ": /login answered " + response.statusCode());
            }
            cookies.add(response.headers().allValues("set-cookie").stream()
                    .map(header -> header.split(";", 2)[0].trim())
                    .filter(pair -> pair.startsWith(contender.cookieName() + "="))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(contender.id() + ": /login set no session cookie")));
        }
        HttpResponse<Void> check = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench?w=0"))
                .header("Cookie", cookies.get(0)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (check.statusCode() != 200) {
            throw new IllegalStateException(contender.id() + ": a created session was not found (" + check.statusCode() + ")");
        }
        return cookies;
    }
}
