package dev.sessionkit.testing.redis;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lifecycle shared by the extensions: the first before-callback that runs starts the resource and the
 * matching after-callback of the same context closes it. Registered on a static field, that is once per
 * test class (nested classes reuse it); on an instance field, once per test.
 */
final class ScopedResource<T extends AutoCloseable> {

    private final String description;
    private final Supplier<T> starter;
    private T resource;
    private String owner;

    ScopedResource(String description, Supplier<T> starter) {
        this.description = description;
        this.starter = starter;
    }

    synchronized void open(ExtensionContext context) {
        if (resource == null) {
            resource = starter.get();
            owner = context.getUniqueId();
        }
    }

    synchronized void close(ExtensionContext context) throws Exception {
        if (resource != null && context.getUniqueId().equals(owner)) {
            T closing = resource;
            resource = null;
            owner = null;
            closing.close();
        }
    }

    synchronized T get() {
        if (resource == null) {
            throw new IllegalStateException(description + " is not running: register the extension with "
                    + "@RegisterExtension and use it only while tests run");
        }
        return resource;
    }
}
