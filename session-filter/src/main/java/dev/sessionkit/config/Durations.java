package dev.sessionkit.config;

import java.time.Duration;

/** Durations as the init-params write them ({@code 30m}, {@code 8h}, {@code 90s}), and the derived default touch interval. */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        long seconds = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        if (seconds == 0) {
            return "0 (off)";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    static Duration defaultTouchInterval(Duration idle) {
        // Rewriting the access time at most once a minute, and at least four times per idle timeout,
        // keeps an active session alive while most requests write nothing.
        Duration quarter = idle.isZero() ? Duration.ofMinutes(1) : idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }
}
