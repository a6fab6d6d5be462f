package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.CodecExtension;
import dev.sessionkit.metrics.SessionMetrics;

import java.util.EventListener;

/** Creates what init-params name by class: listeners, and Micrometer metrics without linking against it. */
final class Plugins {

    private Plugins() {
    }

    static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Plugins.class.getClassLoader();
    }

    static SessionMetrics metrics(String name) {
        if (name.equals("none")) {
            return SessionMetrics.NONE;
        }
        if (!name.equals("micrometer")) {
            throw new SessionException("metrics must be micrometer or none, was '" + name + "'");
        }
        try {
            // Reflection keeps Micrometer optional: the config package never links against it.
            Class<?> registry = Class.forName("io.micrometer.core.instrument.MeterRegistry", true, classLoader());
            Object global = Class.forName("io.micrometer.core.instrument.Metrics", true, classLoader())
                    .getField("globalRegistry").get(null);
            return (SessionMetrics) Class.forName("dev.sessionkit.metrics.MicrometerSessionMetrics")
                    .getConstructor(registry).newInstance(global);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SessionException("metrics=micrometer needs io.micrometer:micrometer-core on the classpath", e);
        }
    }

    static CodecExtension codecExtension(String className) {
        try {
            Object extension = Class.forName(className, true, classLoader()).getDeclaredConstructor().newInstance();
            if (extension instanceof CodecExtension e) {
                return e;
            }
            throw new SessionException("codec.extensions: " + className + " does not implement "
                    + CodecExtension.class.getName());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SessionException("codec.extensions: cannot create " + className
                    + " (it needs a public no-argument constructor, and its jar on the class path): " + e, e);
        }
    }

    static EventListener listener(String className) {
        try {
            Object listener = Class.forName(className, true, classLoader()).getDeclaredConstructor().newInstance();
            if (listener instanceof EventListener l) {
                return l;
            }
            throw new SessionException("listeners: " + className + " is not an event listener");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SessionException("listeners: cannot create " + className
                    + " (it needs a public no-argument constructor): " + e, e);
        }
    }
}
