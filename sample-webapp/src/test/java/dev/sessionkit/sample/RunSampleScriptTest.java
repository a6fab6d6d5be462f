package dev.sessionkit.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-sample} as a person runs it, as a process. Maven cannot run in any of these runs: JAVA_HOME
 * points nowhere and the Maven wrapper's download address refuses connections, so whatever needs a build
 * fails at once.
 */
class RunSampleScriptTest {

    private static final Path SCRIPT = Path.of("..", "run-sample").toAbsolutePath().normalize();

    @TempDir
    Path mavenUserHome;

    @Test
    void helpPrintsTheAppsUsageWithoutStartingMaven() throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("--port=9090", "-h"))) {
            Run run = run(args, Map.of());
            assertEquals(0, run.exit(), args + ": " + run.err());
            assertEquals(SampleOptions.USAGE, run.out(), "the text the app prints for " + args);
            assertEquals("", run.err(), "nothing else, no build: " + args);
        }
    }

    @Test
    void firstRunNoticeAppearsOnlyWhenMavenOrTheSamplesDependenciesAreMissing() throws Exception {
        Run empty = run(List.of("--port=0"), Map.of("MAVEN_USER_HOME", mavenUserHome.toString()));
        assertTrue(empty.err().contains("First run: downloading Maven and the dependencies"), empty.err());
        assertNotEquals(0, empty.exit(), "the broken Maven fails the script");

        for (String dir : List.of("wrapper/dists/apache-maven-3.9.16", "repository/org/codehaus/mojo/exec-maven-plugin",
                "repository/org/eclipse/jetty/ee10/jetty-ee10-servlet")) {
            Files.createDirectories(mavenUserHome.resolve(dir));
        }
        Run later = run(List.of("--port=0"), Map.of("MAVEN_USER_HOME", mavenUserHome.toString()));
        assertTrue(later.err().contains("Building sessionkit"), later.err());
        assertFalse(later.err().contains("First run"), "Maven and the dependencies are there: " + later.err());
        assertTrue(later.err().contains("Maven exited with status"), "a failed build says where its log is: " + later.err());
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(mavenUserHome.getParent(), "run-sample-", ".out");
        Path err = Files.createTempFile(mavenUserHome.getParent(), "run-sample-", ".err");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.command().addAll(args);
        builder.environment().put("JAVA_HOME", "/nonexistent-jdk");
        builder.environment().put("MVNW_REPOURL", "http://127.0.0.1:1/maven2");
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().putAll(env);
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./run-sample " + args + " did not end: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
