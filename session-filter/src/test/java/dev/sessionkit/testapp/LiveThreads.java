package dev.sessionkit.testapp;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The threads a session store may start: sessionkit's own ({@code sessionkit-*}), commons-pool's evictor
 * and Jedis'. Tests take a snapshot before a deployment and check that none was left behind after.
 */
public final class LiveThreads {

    private final Set<Thread> before;

    private LiveThreads(Set<Thread> before) {
        this.before = before;
    }

    /** @return the store threads alive now */
    public static LiveThreads snapshot() {
        return new LiveThreads(storeThreads());
    }

    /** @return store threads alive now that were not alive at the snapshot */
    public List<String> started() {
        return storeThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName).sorted().toList();
    }

    /**
     * Fails unless every store thread started since the snapshot has ended within 5 seconds (an executor's
     * thread ends shortly after the executor terminates).
     *
     * @param when what happened, for the message
     */
    public void assertNoneLeft(String when) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> left = started();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = started();
        }
        if (!left.isEmpty()) {
            fail("threads left running after " + when + ": " + left);
        }
    }

    private static Set<Thread> storeThreads() {
        Set<Thread> found = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName().toLowerCase(Locale.ROOT);
            if (thread.isAlive() && (name.startsWith("sessionkit-") || name.startsWith("commons-pool-")
                    || name.contains("jedis"))) {
                found.add(thread);
            }
        }
        return found;
    }
}
