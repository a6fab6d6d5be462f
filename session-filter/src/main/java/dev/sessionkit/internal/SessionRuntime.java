package dev.sessionkit.internal;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.metrics.SessionMetrics;
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
 * @param metrics        where counts go
 */
public record SessionRuntime(SessionConfig config, SessionStore store, AttributeCodec codec, SessionCookies cookies,
                             SessionEvents events, ServletContext servletContext, SessionMetrics metrics) {

    /**
     * Assembles the runtime for a configuration: picks the cookie signer, and times the store when
     * metrics are on.
     *
     * @param config         the configuration
     * @param servletContext the web application
     * @return the runtime
     */
    public static SessionRuntime of(SessionConfig config, ServletContext servletContext) {
        SessionStore store = config.store();
        CookieSigner signer = store.isClientSide() ? null
                : config.signingKeyset() != null ? CookieSigner.fromKeyset(config.signingKeyset(), config.cookieName())
                : CookieSigner.fromSecrets(config.secrets(), config.cookieName());
        SessionMetrics metrics = config.metrics();
        metrics.bind(store);
        return new SessionRuntime(config, metrics == SessionMetrics.NONE ? store : new MeteredStore(store, metrics),
                AttributeCodec.allowing(config.allowedTypes()), new SessionCookies(config, signer),
                new SessionEvents(config.listeners()), servletContext, metrics);
    }

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
