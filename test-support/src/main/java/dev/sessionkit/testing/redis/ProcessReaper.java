package dev.sessionkit.testing.redis;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every server still running when the JVM exits, so an aborted or crashed test run does not leave
 * redis-server processes behind. It cannot help when the JVM itself is SIGKILLed.
 */
final class ProcessReaper {

    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::stopAll, "redis-process-reaper"));
    }

    private ProcessReaper() {
    }

    static void track(RedisServer server) {
        RUNNING.add(server);
    }

    static void untrack(RedisServer server) {
        RUNNING.remove(server);
    }

    private static void stopAll() {
        for (RedisServer server : List.copyOf(RUNNING)) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                // Keep going: the remaining servers still need stopping.
                System.getLogger(ProcessReaper.class.getName())
                        .log(System.Logger.Level.WARNING, "could not stop redis-server on port " + server.port(), e);
            }
        }
    }
}
