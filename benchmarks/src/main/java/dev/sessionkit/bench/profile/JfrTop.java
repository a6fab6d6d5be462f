package dev.sessionkit.bench.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Summarises a JFR recording of a load-run server: where CPU samples land (self, by method), which methods
 * are on the stack in how many samples (inclusive, for the packages named), and who allocates.
 *
 * <pre>JfrTop recording.jfr [top=25] [package-prefix ...]</pre>
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        List<String> prefixes = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("dev.sessionkit.", "org.springframework.", "redis.clients.", "io.lettuce.", "com.fasterxml.",
                "com.google.crypto.", "org.eclipse.jetty.session", "org.eclipse.jetty.ee10.servlet.SessionHandler");
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String name = name(frame);
                    if (prefixes.stream().anyMatch(name::startsWith) && seen.add(name)) {
                        inclusive.merge(name, 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocated += weight;
                String site = firstMatching(stack, prefixes);
                allocations.merge(site, weight, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d CPU samples%n%nSelf (top frame):%n", file.getFileName(), samples);
        print(self, samples, top);
        System.out.printf(Locale.ROOT, "%nInclusive (on the stack), packages %s:%n", prefixes);
        print(inclusive, samples, top);
        System.out.printf(Locale.ROOT, "%nAllocation (sampled weight %,d MB) by first frame in those packages:%n", allocated >> 20);
        print(allocations, allocated, top);
    }

    private static String firstMatching(RecordedStackTrace stack, List<String> prefixes) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (prefixes.stream().anyMatch(name::startsWith)) {
                return name;
            }
        }
        return "(other) " + name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static void print(Map<String, Long> counts, long total, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
