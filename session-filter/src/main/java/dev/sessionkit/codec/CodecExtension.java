package dev.sessionkit.codec;

import com.fasterxml.jackson.databind.Module;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teaches the attribute codec a third-party type: Jackson modules and mixins that say how to write and
 * read it, and the exact classes that may then be stored. Registered with
 * {@code SessionConfig.Builder.codecExtension} or the {@code codec.extensions} init-param (class names of
 * implementations with a public no-argument constructor).
 *
 * <p>What an extension cannot do: turn on Jackson's default typing (the codec turns it off again after
 * registering the modules), or widen the allow-list beyond {@link #allowedTypes()}. Every class name the
 * JSON carries, at the top of a value or as a polymorphic type id inside it, is checked against the
 * allow-list before the class is loaded.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface CodecExtension {

    /**
     * @return Jackson modules to register, in order; none by default
     */
    default List<Module> modules() {
        return List.of();
    }

    /**
     * @return mixins to apply: target class to mixin class; none by default
     */
    default Map<Class<?>, Class<?>> mixins() {
        return Map.of();
    }

    /**
     * The classes these modules and mixins serve. Exact class names only: a package wildcard would allow
     * every class of a third-party package, gadgets included.
     *
     * @return fully qualified class names (as {@link Class#getName()} writes them) the codec may store and
     *         read back, at the top of a value or as a type id inside one
     */
    Set<String> allowedTypes();
}
