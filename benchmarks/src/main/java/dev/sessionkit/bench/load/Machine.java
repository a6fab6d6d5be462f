package dev.sessionkit.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The machine a run measured, as BENCHMARKS.md must state it.
 *
 * @param cpus         processors the JVM sees ({@code nproc})
 * @param cpuModel     from /proc/cpuinfo
 * @param memory       MemTotal from /proc/meminfo
 * @param jdk          the JVM running the servers
 * @param redis        redis-server version
 * @param startedAt    when the run started
 * @param loadAtStart  /proc/loadavg then
 * @param loadAtEnd    /proc/loadavg at the end, or null while running
 */
record Machine(int cpus, String cpuModel, String memory, String jdk, String redis, Instant startedAt,
               String loadAtStart, String loadAtEnd) {

    static Machine describe() {
        String model = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String mem = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> {
                    long kb = Long.parseLong(l.replaceAll("\\D", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }).orElse("unknown");
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), model, mem, jdk, null,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), loadAverage(), null);
    }

    Machine withRedis(String infoServer) {
        String version = infoServer.lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        return new Machine(cpus, cpuModel, memory, jdk, version, startedAt, loadAtStart, loadAtEnd);
    }

    Machine finished() {
        return new Machine(cpus, cpuModel, memory, jdk, redis, startedAt, loadAtStart, loadAverage());
    }

    /** CPU seconds since boot: all CPUs busy (steal included), of which stolen by the hypervisor. */
    record CpuTime(double busy, double steal, double children) {

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(busy - earlier.busy, steal - earlier.steal, children - earlier.children);
        }
    }

    /**
     * @return machine-wide busy and steal time from /proc/stat, and the CPU time of this JVM's reaped child
     *         processes (wrk, once it has exited) from /proc/self/stat
     */
    static CpuTime cpuTime() {
        String[] cpu = read("/proc/stat").lines().findFirst().orElse("cpu 0 0 0 0 0 0 0 0").trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(cpu[i]);
            }
        }
        long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
        String self = read("/proc/self/stat");
        String[] fields = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
        long children = fields.length > 14 ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0;
        double tick = 100.0; // USER_HZ on Linux
        return new CpuTime(busy / tick, steal / tick, children / tick);
    }

    /** @return the 1, 5 and 15 minute load averages */
    static String loadAverage() {
        List<String> parts = List.of(read("/proc/loadavg").trim().split("\\s+"));
        return parts.size() >= 3 ? String.join(" ", parts.subList(0, 3)) : "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
