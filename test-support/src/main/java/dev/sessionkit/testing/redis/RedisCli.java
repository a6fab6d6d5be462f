package dev.sessionkit.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code redis-cli} binary. Output goes to a file rather than a pipe so that a large reply cannot
 * block the process while we wait for it with a timeout.
 */
final class RedisCli {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Exit code reported when redis-cli was killed for taking longer than its timeout. */
    static final int TIMED_OUT = -1;

    /** What one {@code redis-cli} run printed (stdout and stderr) and how it exited. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private RedisCli() {
    }

    /** Arguments addressing the server on loopback {@code port}, followed by {@code args}. */
    static List<String> at(int port, List<String> args) {
        List<String> arguments = new ArrayList<>(List.of("-h", FreePorts.LOOPBACK, "-p", Integer.toString(port)));
        arguments.addAll(args);
        return arguments;
    }

    /** Runs {@code redis-cli arguments} and returns its output; fails if it exits non-zero. */
    static String call(List<String> arguments) {
        Result result = exec(DEFAULT_TIMEOUT, arguments);
        if (!result.succeeded()) {
            throw new IllegalStateException(
                    "redis-cli " + arguments + " failed (exit " + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    static Result exec(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Executables.redisCli().toString());
        command.addAll(arguments);
        Path output = null;
        try {
            output = Files.createTempFile("redis-cli-", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(TIMED_OUT, "no reply within " + timeout.toMillis() + " ms");
            }
            return new Result(process.exitValue(), withoutFinalNewline(Files.readString(output)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run redis-cli " + arguments, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running redis-cli " + arguments, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** redis-cli ends every reply with a newline; values themselves may end in whitespace, so strip only that. */
    private static String withoutFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover few-byte file in the temp directory is harmless; the command's outcome matters more.
        }
    }
}
