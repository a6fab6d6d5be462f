package dev.sessionkit.codec;

import com.fasterxml.jackson.databind.Module;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teaches the attribute codec a third-party type: Jackson modules and mixins that say how to write and
 * read it, and the exact classes that may then be stored. Registered with
 * {@code SessionConfigBuilder.codecExtension} or the {@code codec.extensions} init-param (class names of
 * implementations with a public no-argument constructor).
 *
 * <p>What an extension cannot do: turn on Jackson's default typing (the codec turns it off again after
 * registering the modules; see {@link #typeIds()} for the narrow form it may ask for), or widen the allow-list beyond {@link #allowedTypes()}. Every class name the
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
     * Whether values of this extension's classes carry a type id ({@code "@class"}) on every non-final value
     * inside them, as Spring Security's Jackson modules expect of the mapper (they are written for Jackson's
     * default typing). Inside such a value a type id may name only one of {@link #allowedTypes()}, never an
     * application class or anything else; values of other classes never carry type ids.
     *
     * @return true to have type ids inside this extension's values; false by default
     */
    default boolean typeIds() {
        return false;
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
