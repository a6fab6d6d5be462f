package dev.sessionkit.spring.boot;

/**
 * A start-up failure that names the {@code sessionkit.*} property to set; {@link SessionkitFailureAnalyzer}
 * turns it into Boot's "APPLICATION FAILED TO START" report.
 */
final class SessionkitStartupException extends RuntimeException {

    private final String property;
    private final String action;

    SessionkitStartupException(String property, String description, String action, Throwable cause) {
        super(description, cause);
        this.property = property;
        this.action = action;
    }

    String property() {
        return property;
    }

    String action() {
        return action;
    }
}
