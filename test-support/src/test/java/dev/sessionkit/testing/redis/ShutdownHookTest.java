package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookTest {

    @Test
    void serversLeftRunningAreStoppedWhenTheJvmExits(@TempDir Path work) throws Exception {
        List<String> server = runChild(work, "exit");
        assertGone(Integer.parseInt(server.get(0)), Path.of(server.get(1)), Duration.ZERO);
    }

    /** PIT's minions end with {@code Runtime.halt}, which runs no shutdown hook; the watchdog stops the server. */
    @Test
    void serversLeftRunningAreStoppedWhenTheJvmHalts(@TempDir Path work) throws Exception {
        List<String> server = runChild(work, "halt");
        assertGone(Integer.parseInt(server.get(0)), Path.of(server.get(1)), Duration.ofSeconds(10));
    }

    private static List<String> runChild(Path work, String ending) throws Exception {
        Path report = work.resolve("server.txt");
        Process jvm = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                LeavesServerRunning.class.getName(), report.toString(), ending)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(work.resolve("jvm.log").toFile()))
                .start();
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(0, jvm.exitValue(), Files.readString(work.resolve("jvm.log")));
        return Files.readAllLines(report);
    }

    private static void assertGone(int port, Path directory, Duration grace) {
        Poll.until(grace, () -> !RedisCli.exec(Duration.ofSeconds(2), RedisCli.at(port, List.of("PING"))).succeeded()
                && !Files.exists(directory));
        RedisCli.Result ping = RedisCli.exec(Duration.ofSeconds(2), RedisCli.at(port, List.of("PING")));
        assertFalse(ping.succeeded(), "redis-server on port " + port + " outlived its JVM: " + ping.output());
        assertFalse(Files.exists(directory), directory + " outlived its JVM");
    }

    /** Starts a server, reports where it is, and exits or halts without stopping it. */
    static final class LeavesServerRunning {

        public static void main(String[] args) throws IOException {
            RedisServer server = RedisServer.start();
            Files.write(Path.of(args[0]), List.of(Integer.toString(server.port()), server.directory().toString()));
            if (args[1].equals("halt")) {
                Runtime.getRuntime().halt(0);
            }
        }
    }
}
