package dev.sessionkit.store;

import dev.sessionkit.SessionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Filter init-params as the filter and store providers read them: values trimmed, blanks treated as
 * absent, and every bad value (or a value a builder refuses with {@link IllegalArgumentException})
 * reported as a {@link SessionException} that names the parameter. Immutable.
 *
 * <p>Formats: booleans {@code true/false} (also {@code yes/no}, {@code on/off}); durations in seconds
 * ({@code 1800}), with a unit ({@code 500ms}, {@code 90s}, {@code 30m}, {@code 8h}, {@code 2d}) or ISO-8601
 * ({@code PT30M}); enums by name, case-insensitive, {@code -} for {@code _}; lists comma- or
 * space-separated.
 */
public final class InitParams {

    private final Map<String, String> params;

    /**
     * @param params init-param name to value
     */
    public InitParams(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    /**
     * @param key a parameter name
     * @return its trimmed value, or null when absent or blank
     */
    public String get(String key) {
        String value = params.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * @param key   a parameter name
     * @param apply called with the value when the parameter is present
     */
    public void string(String key, Consumer<String> apply) {
        present(key, value -> value, apply);
    }

    /**
     * @param key   a parameter name
     * @param apply called with the whole number when the parameter is present
     */
    public void integer(String key, Consumer<Integer> apply) {
        present(key, value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new SessionException(key + " must be a whole number, was '" + value + "'");
            }
        }, apply);
    }

    /**
     * @param key   a parameter name
     * @param apply called with the boolean when the parameter is present
     */
    public void bool(String key, Consumer<Boolean> apply) {
        present(key, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new SessionException(key + " must be true or false, was '" + value + "'");
        }, apply);
    }

    /**
     * @param key   a parameter name
     * @param apply called with the duration when the parameter is present
     */
    public void duration(String key, Consumer<Duration> apply) {
        present(key, value -> parseDuration(key, value), apply);
    }

    /**
     * @param key   a parameter name
     * @param type  the enum
     * @param apply called with the constant when the parameter is present
     * @param <E>   the enum type
     */
    public <E extends Enum<E>> void enumValue(String key, Class<E> type, Consumer<E> apply) {
        present(key, value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new SessionException(key + " must be one of " + Arrays.toString(type.getEnumConstants())
                        + ", was '" + value + "'");
            }
        }, apply);
    }

    /**
     * @param key a parameter name
     * @return its comma- or space-separated items, empty when absent
     */
    public List<String> list(String key) {
        String value = get(key);
        return value == null ? List.of() : Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private <T> void present(String key, java.util.function.Function<String, T> parse, Consumer<T> apply) {
        String value = get(key);
        if (value == null) {
            return;
        }
        T parsed = parse.apply(value);
        try {
            apply.accept(parsed);
        } catch (IllegalArgumentException | SessionException e) {
            // Builders name their own option; the init-param's name is what a web.xml user must change.
            throw new SessionException(key + ": " + e.getMessage(), e);
        }
    }

    private static Duration parseDuration(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new SessionException(key + " must be a duration such as 1800, 500ms, 30m, 8h or PT30M, was '" + value + "'");
        }
    }
}
