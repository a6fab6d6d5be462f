package dev.sessionkit.bench.scale;

import dev.sessionkit.testing.redis.RedisServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Behaviour at scale (issue 19): at each number of sessions, bytes per session in Redis and on the heap,
 * load and save latency, the admin count and a page of the listing; then many sessions expiring within a
 * minute, one user with many sessions, and the near cache in front of the largest number. Writes
 * {@code scale.md} and PNG charts to the output folder. Started by {@code benchmarks/scale}.
 *
 * <pre>
 * ScaleRun [--sizes 10000,100000] [--expiring 100000] [--user-sessions 10000] [--no-near-cache] --out DIR
 * </pre>
 */
public final class ScaleRun {

    private ScaleRun() {
    }

    record Options(List<Integer> sizes, int expiring, int userSessions, boolean nearCache, Path out) {

        static Options parse(String[] args) {
            List<Integer> sizes = List.of(10_000, 100_000);
            int expiring = 100_000;
            int userSessions = 10_000;
            boolean nearCache = true;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
                    case "--expiring" -> expiring = Integer.parseInt(args[++i]);
                    case "--user-sessions" -> userSessions = Integer.parseInt(args[++i]);
                    case "--no-near-cache" -> nearCache = false;
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            if (sizes.isEmpty() || sizes.get(0) < 1 || sizes.get(sizes.size() - 1) > 5_000_000 || expiring < 0
                    || expiring > 5_000_000 || userSessions < 0 || userSessions > 1_000_000) {
                throw new IllegalArgumentException("options out of range");
            }
            return new Options(sizes, expiring, userSessions, nearCache, out);
        }
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run of %s, load average at start %s.%n%n", Instant.now().toString().substring(0, 16) + "Z",
                String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3))));
        List<RedisScale.Row> redisRows = new ArrayList<>();
        List<HeapScale.Row> heapRows = new ArrayList<>();
        NearCacheScale.Result near = null;
        ExpiryStorm.Result storm = null;
        OneUser.Result user = null;
        try (RedisServer redis = RedisServer.start()) {
            for (int size : options.sizes()) {
                progress("Redis store, %,d sessions", size);
                RedisScale.Row row = RedisScale.measure(redis, size);
                redisRows.add(row);
                if (options.nearCache() && size == options.sizes().get(options.sizes().size() - 1)) {
                    progress("near cache over %,d sessions", size);
                    near = NearCacheScale.run(redis, row.ids());
                }
                redisRows.set(redisRows.size() - 1, withoutIds(row));
            }
            if (options.userSessions() > 0) {
                progress("one user with %,d sessions", options.userSessions());
                user = OneUser.run(redis, options.userSessions());
            }
            if (options.expiring() > 0) {
                progress("%,d sessions expiring within a minute", options.expiring());
                storm = ExpiryStorm.run(redis, options.expiring());
            }
            redis.flushAll();
        }
        for (int size : options.sizes()) {
            progress("in-memory store, %,d sessions", size);
            heapRows.add(HeapScale.measure(size));
        }
        ScaleReport.write(md, options.out(), redisRows, heapRows, near, user, storm);
        Files.writeString(options.out().resolve("scale.md"), md);
        System.out.println(md);
    }

    private static RedisScale.Row withoutIds(RedisScale.Row row) {
        return new RedisScale.Row(row.sessions(), row.bytesPerSession(), row.hashBytes(), row.capSetBytes(), row.fillSeconds(),
                row.load(), row.save(), row.countMillis(), row.approximateCountMillis(), row.pageMillis(), List.of());
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%s] " + format + "%n", prepend(Instant.now().toString().substring(11, 19), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Sizes as chart categories: 10k, 100k, 1M. */
    static List<String> labels(List<Integer> sizes) {
        return sizes.stream().map(n -> n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M"
                : n >= 1_000 && n % 1_000 == 0 ? n / 1_000 + "k" : Integer.toString(n)).toList();
    }
}
