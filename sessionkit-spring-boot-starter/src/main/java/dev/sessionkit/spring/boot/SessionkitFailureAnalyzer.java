package dev.sessionkit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a sessionkit start-up failure (no secret, an unknown store or property, an unsupported Jedis) as
 * Boot's one-paragraph "APPLICATION FAILED TO START" analysis naming the property to set, instead of a
 * stack trace. Registered in {@code META-INF/spring.factories}.
 */
public final class SessionkitFailureAnalyzer extends AbstractFailureAnalyzer<SessionkitStartupException> {

    /** Called by Spring Boot. */
    public SessionkitFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SessionkitStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
