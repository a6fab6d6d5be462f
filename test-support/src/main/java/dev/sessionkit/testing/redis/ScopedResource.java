package dev.sessionkit.testing.redis;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lifecycle shared by the extensions: the first before-callback that runs starts the resource and the
 * matching after-callback of the same context (named by its unique ID) closes it. Registered on a static
 * field, that is once per test class (nested classes reuse it); on an instance field, once per test.
 *
 * <p>With the system property {@value #REUSE_PROPERTY} set to {@code true}, the after-callback keeps the
 * resource running and the next before-callback cleans it and takes it over; the JVM's exit stops it.
 * PIT needs this: it runs every test method on its own, class callbacks included, so without it each test
 * of each mutant would start a server, or a whole Cluster, of its own.
 */
final class ScopedResource<T extends AutoCloseable> {

    static final String REUSE_PROPERTY = "sessionkit.testing.reuseServers";

    private final String description;
    private final Supplier<T> starter;
    private final Consumer<T> cleaner;
    private final boolean reuse;
    private T resource;
    private String owner;

    ScopedResource(String description, Supplier<T> starter, Consumer<T> cleaner) {
        this(description, starter, cleaner, Boolean.getBoolean(REUSE_PROPERTY));
    }

    ScopedResource(String description, Supplier<T> starter, Consumer<T> cleaner, boolean reuse) {
        this.description = description;
        this.starter = starter;
        this.cleaner = cleaner;
        this.reuse = reuse;
    }

    synchronized void open(String context) {
        if (owner != null) {
            return;
        }
        if (resource != null) {
            try {
                cleaner.accept(resource);
            } catch (RuntimeException e) {
                // A test killed or stopped it: replace it with a fresh one.
                closeQuietly(resource);
                resource = null;
            }
        }
        if (resource == null) {
            resource = starter.get();
        }
        owner = context;
    }

    synchronized void close(String context) throws Exception {
        if (owner == null || !owner.equals(context)) {
            return;
        }
        owner = null;
        if (!reuse) {
            T closing = resource;
            resource = null;
            closing.close();
        }
    }

    synchronized T get() {
        if (owner == null) {
            throw new IllegalStateException(description + " is not running: register the extension with "
                    + "@RegisterExtension and use it only while tests run");
        }
        return resource;
    }

    private static void closeQuietly(AutoCloseable broken) {
        try {
            broken.close();
        } catch (Exception e) {
            // It is being replaced; what it fails to release, the JVM's exit and the watchdog release.
        }
    }
}
