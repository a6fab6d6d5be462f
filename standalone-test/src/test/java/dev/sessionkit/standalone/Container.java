package dev.sessionkit.standalone;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Tomcat or Jetty distribution unpacked under target/containers, run as a process of its own on a free
 * loopback port, with its own base directory, its console in {@code console.log}.
 */
final class Container implements AutoCloseable {

    static final Path TARGET = Path.of("target").toAbsolutePath();
    /** Generous: the test class starts four containers at once, on two cores that other builds share. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    final String name;
    final Path base;
    final int port;
    private final Process process;

    private Container(String name, Path base, int port, Process process) {
        this.name = name;
        this.base = base;
        this.port = port;
        this.process = process;
    }

    /**
     * Tomcat: CATALINA_BASE with the distribution's conf, the apps in webapps, the environment in bin/setenv.sh.
     *
     * @param version the distribution's version, or its start ({@code "10.1."})
     */
    static Container tomcat(String version, Map<String, Path> apps, String setenv) throws Exception {
        Path home = only(TARGET.resolve("containers"), "apache-tomcat-" + version);
        Path base = Files.createTempDirectory(TARGET, "tomcat-base-");
        copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : List.of("logs", "temp", "work", "webapps", "bin")) {
            Files.createDirectories(base.resolve(dir));
        }
        int port = freePort();
        Path serverXml = base.resolve("conf/server.xml");
        Files.writeString(serverXml, Files.readString(serverXml)
                .replace("port=\"8005\"", "port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + port + "\""));
        if (setenv != null) {
            Files.writeString(base.resolve("bin/setenv.sh"), setenv);
        }
        deploy(apps, base.resolve("webapps"));
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("console.log").toFile());
        builder.environment().put("CATALINA_HOME", home.toString());
        builder.environment().put("CATALINA_BASE", base.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("SESSIONKIT_SECRET");
        return new Container("Tomcat " + home.getFileName().toString().substring("apache-tomcat-".length()), base, port, builder.start());
    }

    /**
     * Jetty: a JETTY_BASE with {@code modules}, the environment of the start command.
     *
     * @param modules for {@code --add-modules}: the README names {@code http,ee10-deploy,ee10-annotations}
     */
    static Container jetty(String modules, Map<String, Path> apps, Map<String, String> env) throws Exception {
        Path home = only(TARGET.resolve("containers"), "jetty-home-");
        Path base = Files.createTempDirectory(TARGET, "jetty-base-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process add = new ProcessBuilder(java, "-jar", home.resolve("start.jar").toString(),
                "--add-modules=" + modules)
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("add-modules.log").toFile()).start();
        if (add.waitFor() != 0) {
            throw new IllegalStateException("jetty --add-modules failed: " + Files.readString(base.resolve("add-modules.log")));
        }
        deploy(apps, base.resolve("webapps"));
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", home.resolve("start.jar").toString(),
                "jetty.http.port=" + port, "jetty.http.host=127.0.0.1")
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("console.log").toFile());
        builder.environment().remove("SESSIONKIT_SECRET");
        builder.environment().putAll(env);
        return new Container("Jetty (" + modules + ")", base, port, builder.start());
    }

    /** Waits until the server answers on {@code path} with anything but a refused connection; returns that answer. */
    HttpResponse<String> awaitAnswer(String path) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<String> response = get(path, null);
                if (response.statusCode() != 404 || System.nanoTime() > deadline - START_TIMEOUT.toNanos() / 2) {
                    return response;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
                // Refused before the connector opens; unanswered while the applications deploy.
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + log("console.log"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer within " + START_TIMEOUT + ": " + log("console.log"));
            }
            Thread.sleep(250);
        }
    }

    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        // A client per request: a pooled connection that a container closed while deploying is never reused.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until a log under the base directory (files whose names start with {@code prefix}) says {@code text}.
     *
     * @return all of those logs
     */
    String awaitLog(String prefix, String text) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String logs = log(prefix);
        while (!logs.contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(name + "'s " + prefix + "* never said \"" + text + "\": " + logs + log("console.log"));
            }
            Thread.sleep(250);
            logs = log(prefix);
        }
        return logs;
    }

    /** @return the text of every file under the base directory whose name starts with {@code prefix} */
    String log(String prefix) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deploy(Map<String, Path> apps, Path webapps) throws IOException {
        for (Map.Entry<String, Path> app : apps.entrySet()) {
            if (Files.isDirectory(app.getValue())) {
                copyTree(app.getValue(), webapps.resolve(app.getKey()));
            } else {
                Files.copy(app.getValue(), webapps.resolve(app.getKey() + ".war"));
            }
        }
    }

    /**
     * Deletes the base directories and exploded apps an earlier run left under target/ (each run keeps its
     * own until the next, for their logs), so repeated runs do not fill the disk.
     */
    static void deleteEarlierRuns() throws IOException {
        String runDirectory = "(tomcat-base|jetty-base|quickstart|quickstart-[a-z]+)-[0-9]+";
        try (Stream<Path> entries = Files.list(TARGET)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches(runDirectory)).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "* under " + dir + ": run through Maven (pre-integration-test unpacks it)"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
