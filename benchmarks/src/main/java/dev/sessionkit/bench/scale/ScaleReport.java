package dev.sessionkit.bench.scale;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scale run's Markdown tables and charts. */
final class ScaleReport {

    private ScaleReport() {
    }

    static void write(StringBuilder md, Path out, List<RedisScale.Row> redis, List<HeapScale.Row> heap,
                      NearCacheScale.Result near, OneUser.Result user, ExpiryStorm.Result storm) throws IOException {
        List<String> sizes = ScaleRun.labels(redis.stream().map(RedisScale.Row::sessions).toList());

        md.append("### Memory per session (4 small attributes, the load run's)\n\n");
        md.append("| sessions | Redis: used_memory growth / session | Redis: session hash (MEMORY USAGE, mean of 200) "
                + "| Redis: cap set `<prefix>all` / session | heap, in-memory store / session |\n|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < redis.size(); i++) {
            RedisScale.Row r = redis.get(i);
            md.append(String.format(Locale.ROOT, "| %,d | %,.0f B | %,.0f B | %,.0f B | %s |%n", r.sessions(),
                    r.bytesPerSession(), r.hashBytes(), r.capSetBytes(), i < heap.size() ? String.format(Locale.ROOT, "%,.0f B", heap.get(i).bytesPerSession()) : "–"));
        }
        Map<String, List<Double>> memory = new LinkedHashMap<>();
        memory.put("Redis, all keys", redis.stream().map(RedisScale.Row::bytesPerSession).toList());
        memory.put("Redis, session hash", redis.stream().map(RedisScale.Row::hashBytes).toList());
        memory.put("heap, in-memory store", heap.stream().map(HeapScale.Row::bytesPerSession).toList());
        Charts.bars(out.resolve("scale-memory.png"), "Bytes per session", "sessions", "bytes", sizes, memory);

        md.append("\n### Latency, µs p50 / p99 (one thread; **taken on a loaded machine**)\n\n");
        md.append("| sessions | Redis load | Redis save (one attribute) | in-memory load | in-memory save | Redis fill, 4 threads |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < redis.size(); i++) {
            RedisScale.Row r = redis.get(i);
            HeapScale.Row h = i < heap.size() ? heap.get(i) : null;
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %,.1f s |%n", r.sessions(), r.load().describe(),
                    r.save().describe(), h == null ? "–" : h.load().describe(), h == null ? "–" : h.save().describe(), r.fillSeconds()));
        }
        Map<String, List<Double>> latency = new LinkedHashMap<>();
        latency.put("Redis load p50", redis.stream().map(r -> r.load().p50Micros()).toList());
        latency.put("Redis load p99", redis.stream().map(r -> r.load().p99Micros()).toList());
        latency.put("Redis save p50", redis.stream().map(r -> r.save().p50Micros()).toList());
        latency.put("Redis save p99", redis.stream().map(r -> r.save().p99Micros()).toList());
        Charts.bars(out.resolve("scale-latency.png"), "Redis store latency (loaded machine)", "sessions", "µs", sizes, latency);

        md.append("\n### Admin and gauge, ms (median of three calls)\n\n");
        md.append("| sessions | Redis `count()` (SCAN) | Redis `approximateCount()` (ZCARD, the gauge) | Redis `list(null, 100)` "
                + "| in-memory `count()` | in-memory `list(null, 100)` |\n|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < redis.size(); i++) {
            RedisScale.Row r = redis.get(i);
            HeapScale.Row h = i < heap.size() ? heap.get(i) : null;
            md.append(String.format(Locale.ROOT, "| %,d | %,.1f | %,.2f | %,.1f | %s | %s |%n", r.sessions(), r.countMillis(),
                    r.approximateCountMillis(), r.pageMillis(), h == null ? "–" : String.format(Locale.ROOT, "%,.2f", h.countMillis()),
                    h == null ? "–" : String.format(Locale.ROOT, "%,.1f", h.pageMillis())));
        }

        if (near != null) {
            md.append(String.format(Locale.ROOT, "%n### Near cache over %,d sessions (size %,d, reads from one thread)%n%n",
                    near.sessions(), NearCacheScale.CACHE_SIZE));
            md.append("| heap with the cache full | per entry | hit rate, 90 % of reads on 5,000 hot sessions | hit rate, reads spread evenly |\n"
                    + "|---:|---:|---:|---:|\n");
            md.append(String.format(Locale.ROOT, "| %,.1f MB | %,d B | %.1f %% | %.1f %% |%n", near.heapBytes() / 1e6,
                    near.heapBytes() / NearCacheScale.CACHE_SIZE, near.hotHitRate() * 100, near.uniformHitRate() * 100));
        }
        if (user != null) {
            md.append(String.format(Locale.ROOT, "%n### One user with %,d sessions%n%n", user.sessions()));
            md.append("| login (save + index), µs p50 / p99 | the last tenth of the logins | index key (MEMORY USAGE) "
                    + "| `sessionsOf` | `deleteAllOf` (\"log out everywhere\") |\n|---:|---:|---:|---:|---:|\n");
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d B | %,.0f ms, %,d sessions | %,.0f ms, %,d sessions |%n",
                    user.logins().describe(), user.lastLogins().describe(), user.indexBytes(), user.listMillis(), user.listed(),
                    user.logoutEverywhereMillis(), user.loggedOut()));
        }
        if (storm != null) {
            writeStorm(md, out, storm);
        }
    }

    private static void writeStorm(StringBuilder md, Path out, ExpiryStorm.Result storm) throws IOException {
        md.append(String.format(Locale.ROOT, "%n### %,d sessions expiring within one minute%n%n", storm.sessions()));
        md.append("| heard by the listener | last heard, s after the first was due (the last is due at 60 s) "
                + "| largest backlog (due, not yet heard) | peak listener rate | Redis used_memory before → after |\n"
                + "|---:|---:|---:|---:|---:|\n");
        ExpiryStorm.Sample last = storm.samples().get(storm.samples().size() - 1);
        md.append(String.format(Locale.ROOT, "| %,d of %,d | %s | %,d | %,.0f /s | %,.1f MB → %,.1f MB |%n", last.heard(),
                storm.sessions(), Double.isNaN(storm.lastHeardSeconds()) ? "not all within the run" : String.format(Locale.ROOT, "%.1f", storm.lastHeardSeconds()),
                storm.maxBacklog(), storm.peakHeardPerSecond(), storm.memoryBefore() / 1e6, storm.memoryAfter() / 1e6));
        double[] x = storm.samples().stream().mapToDouble(ExpiryStorm.Sample::seconds).toArray();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("due", storm.samples().stream().mapToDouble(ExpiryStorm.Sample::due).toArray());
        series.put("expired by Redis", storm.samples().stream().mapToDouble(ExpiryStorm.Sample::expiredByRedis).toArray());
        series.put("heard by the listener", storm.samples().stream().mapToDouble(ExpiryStorm.Sample::heard).toArray());
        series.put("backlog", storm.samples().stream().mapToDouble(ExpiryStorm.Sample::backlog).toArray());
        Charts.lines(out.resolve("expiry-storm.png"), String.format(Locale.ROOT, "%,d sessions expiring within a minute", storm.sessions()),
                "seconds after the first was due", "sessions", x, series);
    }
}
