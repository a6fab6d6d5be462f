package dev.sessionkit.internal;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.store.SessionStore;
import jakarta.servlet.ServletContext;

/**
 * What every request of one filter shares: configuration, store, codec, cookies and listeners.
 *
 * @param config         the configuration
 * @param store          the store
 * @param codec          the attribute codec with the configured allow-list
 * @param cookies        reads and writes the session cookie
 * @param events         the session listeners
 * @param servletContext the web application
 */
public record SessionRuntime(SessionConfig config, SessionStore store, AttributeCodec codec, SessionCookies cookies,
                             SessionEvents events, ServletContext servletContext) {

    long now() {
        return config.clock().millis();
    }

    /**
     * @param creationTime epoch milliseconds when a session was created
     * @param now          epoch milliseconds
     * @return whether the absolute timeout has passed
     */
    boolean pastAbsoluteTimeout(long creationTime, long now) {
        long cap = config.absoluteTimeout().toMillis();
        return cap > 0 && now - creationTime > cap;
    }
}
