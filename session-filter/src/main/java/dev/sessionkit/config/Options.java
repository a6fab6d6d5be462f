package dev.sessionkit.config;

import dev.sessionkit.SessionException;

import java.time.Duration;
import java.util.Collection;

/** Argument checks of the builder; {@code option} names the init-param and the builder method. */
final class Options {

    private Options() {
    }

    static <T> T required(String option, T value) {
        if (value == null) {
            throw new SessionException(option + " must not be null");
        }
        return value;
    }

    static Collection<String> noNulls(String option, Collection<String> values) {
        for (String value : required(option, values)) {
            required(option, value);
        }
        return values;
    }

    static Duration nonNegative(String option, Duration d) {
        if (required(option, d).isNegative()) {
            throw new SessionException(option + " must not be negative, was " + d);
        }
        return d;
    }
}
