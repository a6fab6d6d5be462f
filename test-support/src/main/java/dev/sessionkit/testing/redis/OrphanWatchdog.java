package dev.sessionkit.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;

/**
 * A small shell process that outlives a JVM which dies without running its shutdown hooks (SIGKILL, or
 * {@code Runtime.halt}, which PIT's minions call on exit) and then kills the server the JVM left running
 * and deletes its directory. The server destroys its watchdog when it stops in the normal way.
 */
final class OrphanWatchdog {

    private static final String SCRIPT = "while kill -0 \"$0\" 2>/dev/null; do sleep 1; done; "
            + "kill -9 \"$1\" 2>/dev/null; rm -rf \"$2\"";

    private OrphanWatchdog() {
    }

    static Process watch(long serverPid, Path directory) {
        try {
            return new ProcessBuilder("sh", "-c", SCRIPT,
                    Long.toString(ProcessHandle.current().pid()), Long.toString(serverPid), directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the watchdog of redis-server " + serverPid, e);
        }
    }
}
