package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.MigratingSessionStore;
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
 * @param storeIds       the keyed hashes the store keeps sessions under, or null when it sees session IDs
 * @param rollback       during a migration window into the cookie store, reads the old store's signed IDs;
 *                       otherwise null
 */
record SessionRuntime(SessionConfig config, SessionStore store, boolean clientSide, AttributeCodec codec,
                             SessionTokens tokens, SessionEvents events, ServletContext servletContext,
                             SessionMetrics metrics, StoreIds storeIds, CookieRollback rollback) {

    /**
     * Assembles the runtime for a configuration: picks the cookie signer, keeps a server-side store's
     * sessions under keyed hashes of their IDs (unless {@code store.hash-ids=false}), and times the store
     * when metrics are on.
     *
     * @param config         the configuration
     * @param servletContext the web application
     * @param discovered     the {@link ListenerDiscovery} attribute of the context, or null
     * @return the runtime
     */
    public static SessionRuntime of(SessionConfig config, ServletContext servletContext, Object discovered) {
        SessionStore store = config.store();
        boolean clientSide = store instanceof ClientSideStore;
        boolean rollingBack = clientSide && store instanceof MigratingSessionStore;
        CookieSigner signer = clientSide && !rollingBack ? null
                : config.signingKeyset() != null ? CookieSigner.fromKeyset(config.signingKeyset(), config.cookieName())
                : CookieSigner.fromSecrets(config.secrets(), config.cookieName());
        CookieRollback rollback = rollingBack ? CookieRollback.of(config, signer) : null;
        SessionMetrics metrics = config.metrics();
        metrics.bind(store);
        StoreIds storeIds = !clientSide && config.hashStoreIds() ? StoreIds.of(config) : null;
        SessionStore sealed = clientSide || config.attributeAead() == null ? store
                : new EncryptedAttributesStore(store, config.attributeAead());
        SessionStore hashed = storeIds == null ? sealed : new HashedIdStore(sealed, storeIds);
        SessionStore called = metrics == SessionMetrics.NONE ? hashed : new MeteredStore(hashed, metrics);
        if (config.maxConcurrentStoreCalls() > 0 && !clientSide) {
            called = new BoundedStore(called, config.maxConcurrentStoreCalls());
        }
        return new SessionRuntime(config, called, clientSide, AttributeCodec.of(config.allowedTypes(), config.codecExtensions()),
                new SessionTokens(config, clientSide ? null : signer), new SessionEvents(listeners(config, discovered)),
                servletContext, metrics, storeIds, rollback);
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
