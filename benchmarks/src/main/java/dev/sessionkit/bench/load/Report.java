package dev.sessionkit.bench.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Turns the rounds into the tables of BENCHMARKS.md: medians with min–max, ratios, targets, probes, memory. */
final class Report {

    /** A ratio BENCHMARKS.md quotes, and the target it must meet (0 for none). */
    private record Pair(Contender ours, Contender theirs, double target) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair(Contender.SESSIONKIT_REDIS, Contender.SPRING_REDIS_INDEXED, 1.5),
            new Pair(Contender.SESSIONKIT_REDIS, Contender.SPRING_REDIS, 3.0),
            new Pair(Contender.SESSIONKIT_REDIS, Contender.JETTY_MEMORY, 0.5),
            new Pair(Contender.SESSIONKIT_REDIS_NEAR_CACHE, Contender.JETTY_MEMORY, 0.9),
            new Pair(Contender.SESSIONKIT_REDIS_NEAR_CACHE, Contender.SPRING_REDIS_INDEXED, 0),
            new Pair(Contender.SESSIONKIT_REDIS_LOCK, Contender.SESSIONKIT_REDIS, 0),
            new Pair(Contender.SESSIONKIT_REDIS_CLUSTER_1, Contender.SESSIONKIT_REDIS, 0),
            new Pair(Contender.SESSIONKIT_REDIS_CLUSTER_3, Contender.SESSIONKIT_REDIS_CLUSTER_1, 0),
            new Pair(Contender.SESSIONKIT_MEMORY, Contender.JETTY_MEMORY, 1.0),
            new Pair(Contender.SESSIONKIT_COOKIE, Contender.JETTY_MEMORY, 0.95),
            new Pair(Contender.JETTY_MEMORY, Contender.NONE, 0),
            new Pair(Contender.SESSIONKIT_MEMORY, Contender.NONE, 0),
            new Pair(Contender.SESSIONKIT_REDIS, Contender.NONE, 0),
            new Pair(Contender.SPRING_REDIS, Contender.NONE, 0),
            new Pair(Contender.SPRING_REDIS_INDEXED, Contender.NONE, 0));

    private Report() {
    }

    static String markdown(LoadRun.Options options, Machine machine, List<LoadRun.RoundResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("## Load run ").append(machine.startedAt()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d CPUs (%s), %s RAM, %s, redis-server %s. Load average (1/5/15 min)"
                        + " at start %s, at end %s.%n%n", machine.cpus(), machine.cpuModel(), machine.memory(), machine.jdk(),
                machine.redis(), machine.loadAtStart(), machine.loadAtEnd()));
        md.append(String.format(Locale.ROOT, "One server JVM per configuration (-Xms%1$s -Xmx%1$s), warmed up with %2$d s of"
                        + " load (the first half with 2 connections); then %3$d rounds, configurations interleaved, each: Redis flushed, %4$d new sessions, %5$d s"
                        + " re-warm, %6$d s measured with `wrk -t%7$d -c%8$d` over 127.0.0.1, 1 request in 10 writes. Jetty header"
                        + " cache size %9$d.%n%n",
                options.heap(), options.initialWarmup(), options.rounds(), options.sessions(), options.warmup(),
                options.duration(), options.threads(), options.connections(), options.headerCacheSize()));

        md.append("| | Configuration | req/s median (min–max) | p50 ms | p99 ms | Redis cmds/req | Redis round trips/req"
                + " | server CPU µs/req | Redis CPU µs/req | wrk CPU µs/req | total CPU µs/req | steal median (max)"
                + " | other CPU (max) | cookie bytes | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contender contender : options.contenders()) {
            List<LoadRun.RoundResult> rounds = of(results, contender);
            if (rounds.isEmpty()) {
                continue;
            }
            Set<String> luaCommands = luaCommands(rounds);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f (%,.0f–%,.0f) | %.2f | %.2f | %s | %s | %.0f | %s | %.0f | %.0f | %.0f%% (%.0f%%) | %.0f%% | %.0f | %d |%n",
                    contender.key(), contender.label(),
                    median(rounds, r -> r.wrk().throughput()), min(rounds, r -> r.wrk().throughput()),
                    max(rounds, r -> r.wrk().throughput()),
                    median(rounds, r -> r.wrk().p50Micros()) / 1000.0, median(rounds, r -> r.wrk().p99Micros()) / 1000.0,
                    contender.usesRedis() ? String.format(Locale.ROOT, "%.2f",
                            median(rounds, r -> (double) r.redisCommands() / r.wrk().requests())) : "–",
                    contender.usesRedis() && luaCommands != null ? String.format(Locale.ROOT, "%.2f",
                            median(rounds, r -> (double) topLevel(r, luaCommands) / r.wrk().requests())) : "–",
                    median(rounds, LoadRun.RoundResult::serverCpuMicros),
                    storeCpu(contender, rounds),
                    median(rounds, LoadRun.RoundResult::wrkCpuMicros),
                    median(rounds, LoadRun.RoundResult::totalCpuMicros),
                    100 * median(rounds, LoadRun.RoundResult::stealShare), 100 * max(rounds, LoadRun.RoundResult::stealShare),
                    100 * max(rounds, LoadRun.RoundResult::otherCpuShare),
                    median(rounds, LoadRun.RoundResult::cookieBytes),
                    rounds.stream().mapToLong(r -> r.wrk().errors()).sum()));
        }
        md.append("\nRedis cmds/req counts every command Redis executed (INFO commandstats delta / requests), commands run"
                + " inside Lua scripts included; round trips/req counts only those a client sent (the commands seen inside"
                + " Lua under MONITOR are subtracted). Server, Redis and wrk CPU are each process's user+system time over the"
                + " measured window / requests; total is their sum, what one request costs the machine. Steal is the share of"
                + " the machine's capacity (all CPUs) the hypervisor took during the window; other CPU the share busy outside"
                + " the server, Redis and wrk (other work on the machine). Both shrink throughput, not CPU per request."
                + " On a Redis Cluster every Redis figure is the sum over its masters (INFO commandstats and INFO cpu of"
                + " each; MONITOR on each, merged). The JDBC rows (g, h) have no Redis: their Redis CPU cell, marked"
                + " \"(PostgreSQL)\", holds the CPU time of the run's own PostgreSQL cluster (postmaster, backends and"
                + " background processes, from /proc), and their total includes it.\n\n");

        md.append("### Requests per Redis core (1,000,000 / Redis CPU µs per request: what one fully busy redis-server"
                + " would carry at this mix, before the server or network limit)\n\n");
        md.append("| Configuration | Redis CPU µs/req | requests/s per Redis core |\n|---|---:|---:|\n");
        for (Contender contender : options.contenders()) {
            List<LoadRun.RoundResult> rounds = of(results, contender);
            if (contender.usesRedis() && !rounds.isEmpty()) {
                double micros = median(rounds, LoadRun.RoundResult::redisCpuMicros);
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f |%n", contender.label(), micros, 1e6 / micros));
            }
        }
        md.append('\n');

        md.append("### Ratios (same run; throughput: ratio of medians, min–max of the per-round ratios; CPU-normalised:"
                + " their total CPU µs/req over ours, medians)\n\n");
        md.append("| Ratio | throughput | per-round min–max | CPU-normalised | target | met (throughput) |\n"
                + "|---|---:|---:|---:|---:|---|\n");
        for (Pair pair : PAIRS) {
            List<LoadRun.RoundResult> ours = of(results, pair.ours());
            List<LoadRun.RoundResult> theirs = of(results, pair.theirs());
            if (ours.isEmpty() || theirs.isEmpty()) {
                continue;
            }
            double ratio = median(ours, r -> r.wrk().throughput()) / median(theirs, r -> r.wrk().throughput());
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
                perRound.add(ours.get(i).wrk().throughput() / theirs.get(i).wrk().throughput());
            }
            double cpuRatio = median(theirs, LoadRun.RoundResult::totalCpuMicros) / median(ours, LoadRun.RoundResult::totalCpuMicros);
            md.append(String.format(Locale.ROOT, "| %s / %s | %.2f× | %.2f–%.2f | %.2f× | %s | %s |%n", pair.ours().label(),
                    pair.theirs().label(), ratio, perRound.stream().mapToDouble(d -> d).min().orElse(0),
                    perRound.stream().mapToDouble(d -> d).max().orElse(0), cpuRatio,
                    pair.target() > 0 ? String.format(Locale.ROOT, "≥ %.2f×", pair.target()) : "",
                    pair.target() > 0 ? (ratio >= pair.target() ? "yes" : "**no**") : ""));
        }

        md.append("\n### Redis commands per request, by kind (MONITOR, single requests, round 1)\n\n");
        md.append("| Configuration | request | round trips | executed | sent by the client | run inside Lua |\n");
        md.append("|---|---|---:|---:|---|---|\n");
        for (LoadRun.RoundResult result : results) {
            if (result.probe() == null) {
                continue;
            }
            for (RedisProbe.RequestCommands commands : result.probe()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s |%n", result.contender().label(),
                        commands.kind(), commands.roundTrips(), commands.executed(),
                        histogram(commands.topLevelByName(), commands.requests()),
                        histogram(commands.inLuaByName(), commands.requests())));
            }
        }

        md.append("\n### Redis memory per session (4 small attributes; MEMORY USAGE, round 1 after creating the sessions)\n\n");
        md.append("| Configuration | keys | bytes per session (all keys / sessions) | typical session hash | by key kind (total bytes) |\n");
        md.append("|---|---:|---:|---:|---|\n");
        for (LoadRun.RoundResult result : results) {
            RedisProbe.Memory memory = result.memory();
            if (memory == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d (`%s`) | %s |%n", result.contender().label(),
                    memory.keys(), memory.bytesPerSession(), memory.typicalSessionKeyBytes(), memory.typicalSessionKey(),
                    memory.bytesByKind().entrySet().stream().map(e -> "`" + e.getKey() + "` " + String.format(Locale.ROOT, "%,d", e.getValue()))
                            .collect(Collectors.joining("; "))));
        }
        md.append('\n');
        return md.toString();
    }

    /** The Redis CPU cell: Redis's CPU per request, the PostgreSQL cluster's (so labelled) for JDBC rows, else none. */
    private static String storeCpu(Contender contender, List<LoadRun.RoundResult> rounds) {
        String micros = String.format(Locale.ROOT, "%.0f", median(rounds, LoadRun.RoundResult::redisCpuMicros));
        if (contender.usesJdbc()) {
            return micros + " (PostgreSQL)";
        }
        return contender.usesRedis() ? micros : "–";
    }

    static String csv(List<LoadRun.RoundResult> results) {
        StringBuilder csv = new StringBuilder("configuration,round,requests,seconds,req_per_s,p50_us,p90_us,p99_us,max_us,errors,"
                + "status_errors,redis_commands,server_cpu_us_per_req,redis_cpu_us_per_req,wrk_cpu_us_per_req,other_cpu_share,steal_share,"
                + "cookie_bytes,commandstats\n");
        for (LoadRun.RoundResult r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.1f,%d,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.3f,%.3f,%.0f,\"%s\"%n",
                    r.contender().id(), r.round(), r.wrk().requests(), r.wrk().seconds(), r.wrk().throughput(),
                    r.wrk().p50Micros(), r.wrk().p90Micros(), r.wrk().p99Micros(), r.wrk().maxMicros(), r.wrk().errors(),
                    r.wrk().statusErrors(), r.redisCommands(), r.serverCpuMicros(), r.redisCpuMicros(), r.wrkCpuMicros(),
                    r.otherCpuShare(), r.stealShare(), r.cookieBytes(),
                    r.commandStats().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        }
        return csv.toString();
    }

    /** Commands the MONITOR probe saw run inside Lua, or null when one also came from a client (ambiguous). */
    private static Set<String> luaCommands(List<LoadRun.RoundResult> rounds) {
        Set<String> lua = new HashSet<>();
        Set<String> top = new HashSet<>();
        boolean probed = false;
        for (LoadRun.RoundResult r : rounds) {
            if (r.probe() != null) {
                probed = true;
                r.probe().forEach(c -> {
                    lua.addAll(c.inLuaByName().keySet());
                    top.addAll(c.topLevelByName().keySet());
                });
            }
        }
        if (!probed) {
            return null;
        }
        for (String name : lua) {
            if (top.contains(name)) {
                return null;
            }
        }
        return lua;
    }

    private static long topLevel(LoadRun.RoundResult result, Set<String> luaCommands) {
        return result.commandStats().entrySet().stream().filter(e -> !luaCommands.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String histogram(Map<String, Long> counts, int requests) {
        if (counts.isEmpty()) {
            return "–";
        }
        return counts.entrySet().stream()
                .map(e -> e.getKey().toUpperCase(Locale.ROOT) + (e.getValue() == requests ? ""
                        : String.format(Locale.ROOT, " ×%.2f", (double) e.getValue() / requests)))
                .collect(Collectors.joining(", "));
    }

    private static List<LoadRun.RoundResult> of(List<LoadRun.RoundResult> results, Contender contender) {
        return results.stream().filter(r -> r.contender() == contender)
                .sorted((a, b) -> Integer.compare(a.round(), b.round())).toList();
    }

    private static double median(List<LoadRun.RoundResult> rounds, ToDoubleFunction<LoadRun.RoundResult> value) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double min(List<LoadRun.RoundResult> rounds, ToDoubleFunction<LoadRun.RoundResult> value) {
        return rounds.stream().mapToDouble(value).min().orElse(0);
    }

    private static double max(List<LoadRun.RoundResult> rounds, ToDoubleFunction<LoadRun.RoundResult> value) {
        return rounds.stream().mapToDouble(value).max().orElse(0);
    }
}
