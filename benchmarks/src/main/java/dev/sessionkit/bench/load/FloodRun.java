package dev.sessionkit.bench.load;

import dev.sessionkit.testing.redis.RedisServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flood run: a signed-in user, then at least a million cookieless requests that each call
 * {@code getSession()} and read it, against each sessionkit store. It reports how many store writes the
 * flood cost (the Redis store's write commands; the memory store's live-session count) and whether the user
 * is still signed in afterwards. Bounded: wrk runs in 10-second slices, at most 20 per store.
 *
 * <pre>java -cp ... dev.sessionkit.bench.load.FloodRun [requests] [results-dir]</pre>
 */
public final class FloodRun {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final List<String> REDIS_WRITES = List.of("evalsha", "eval", "hset", "hdel", "del", "zadd", "rename", "pexpire");

    private FloodRun() {
    }

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "benchmarks/target/flood"));
        List<String> rows = new ArrayList<>();
        rows.add("| store | cookieless requests | store writes during the flood | live sessions after | user still signed in |");
        rows.add("|---|---|---|---|---|");
        try (RedisServer redis = RedisServer.start()) {
            for (Contender contender : List.of(Contender.SESSIONKIT_MEMORY, Contender.SESSIONKIT_REDIS, Contender.SESSIONKIT_COOKIE)) {
                rows.add(flood(contender, redis, target, out));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        Files.write(out.resolve("flood.md"), rows, StandardCharsets.UTF_8);
        rows.forEach(System.out::println);
    }

    private static String flood(Contender contender, RedisServer redis, long target, Path out) throws Exception {
        redis.flushAll();
        try (ServerProcess server = ServerProcess.start(contender, contender.usesRedis() ? redis.uri() : null,
                List.of("-Xmx1g"), out, "flood-" + contender.id())) {
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(base.resolve("/anon")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (anonymous.headers().firstValue("Set-Cookie").isPresent()) {
                throw new IllegalStateException(contender.id() + " sent a cookie to an anonymous visitor");
            }
            long writesBefore = redisWrites(redis);
            long sent = 0;
            for (int slice = 0; slice < 20 && sent < target; slice++) {
                sent += wrk(server.port());
            }
            long writes = contender.usesRedis() ? redisWrites(redis) - writesBefore : 0;
            String live = client.send(HttpRequest.newBuilder(base.resolve("/count")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().trim();
            int status = client.send(HttpRequest.newBuilder(base.resolve("/bench?w=0")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            return String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s |", contender.label(), sent, writes, live,
                    status == 200 ? "yes" : "NO (" + status + ")");
        }
    }

    private static long wrk(int port) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d10s", "http://127.0.0.1:" + port + "/anon")
                .redirectErrorStream(true).start();
        String text = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(60, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        Matcher m = REQUESTS.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no request count:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static long redisWrites(RedisServer redis) {
        return redis.commandStats().entrySet().stream()
                .filter(e -> REDIS_WRITES.contains(e.getKey().toLowerCase(Locale.ROOT)))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }
}
