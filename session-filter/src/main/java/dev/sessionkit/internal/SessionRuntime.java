package dev.sessionkit.internal;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.SessionStore;
import jakarta.servlet.ServletContext;

import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;

/**
 * What every request of one filter shares: configuration, store, codec, token transport and listeners.
 *
 * @param config         the configuration
 * @param store          the store
 * @param clientSide     whether the store keeps the session in the cookie ({@link ClientSideStore})
 * @param codec          the attribute codec with the configured allow-list
 * @param tokens         reads and writes the session token: cookie, header or both
 * @param events         the session listeners
 * @param servletContext the web application
 * @param metrics        where counts go
 */
public record SessionRuntime(SessionConfig config, SessionStore store, boolean clientSide, AttributeCodec codec,
                             SessionTokens tokens, SessionEvents events, ServletContext servletContext,
                             SessionMetrics metrics) {

    /**
     * Assembles the runtime for a configuration: picks the cookie signer, and times the store when
     * metrics are on.
     *
     * @param config         the configuration
     * @param servletContext the web application
     * @param discovered     the {@link ListenerDiscovery} attribute of the context, or null
     * @return the runtime
     */
    public static SessionRuntime of(SessionConfig config, ServletContext servletContext, Object discovered) {
        SessionStore store = config.store();
        boolean clientSide = store instanceof ClientSideStore;
        CookieSigner signer = clientSide ? null
                : config.signingKeyset() != null ? CookieSigner.fromKeyset(config.signingKeyset(), config.cookieName())
                : CookieSigner.fromSecrets(config.secrets(), config.cookieName());
        SessionMetrics metrics = config.metrics();
        metrics.bind(store);
        SessionStore called = metrics == SessionMetrics.NONE ? store : new MeteredStore(store, metrics);
        if (config.maxConcurrentStoreCalls() > 0 && !clientSide) {
            called = new BoundedStore(called, config.maxConcurrentStoreCalls());
        }
        return new SessionRuntime(config, called, clientSide,
                AttributeCodec.allowing(config.allowedTypes()), new SessionTokens(config, signer),
                new SessionEvents(listeners(config, discovered)), servletContext, metrics);
    }

    private static List<EventListener> listeners(SessionConfig config, Object discovered) {
        List<EventListener> all = new ArrayList<>(config.listeners());
        if (discovered instanceof List<?> list) {
            for (Object listener : list) {
                all.add((EventListener) listener);
            }
        }
        return all;
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
