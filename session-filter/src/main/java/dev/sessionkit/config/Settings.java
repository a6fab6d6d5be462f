package dev.sessionkit.config;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.codec.CodecExtension;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.MigratingSessionStore;
import dev.sessionkit.store.SessionStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;

/**
 * The option values: filled in by {@link SessionConfigBuilder}, which checks each one, and frozen into a
 * copy that {@link SessionConfig} reads and nobody changes.
 */
final class Settings {
    SessionStore store;
    SessionStore oldStore;
    List<String> secrets = new ArrayList<>();
    KeysetHandle signingKeyset;
    String cookieName = "SESSION";
    boolean secure = true;
    SameSite sameSite = SameSite.LAX;
    String cookiePath;
    String cookieDomain;
    boolean hostPrefix;
    boolean persistentCookie;
    Duration idleTimeout = Duration.ofMinutes(30);
    Duration absoluteTimeout = Duration.ofHours(8);
    Duration touchInterval;
    SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;
    boolean saveEmptySessions;
    int maxConcurrentStoreCalls = SessionConfig.DEFAULT_MAX_CONCURRENT_STORE_CALLS;
    List<String> allowedTypes = new ArrayList<>();
    List<CodecExtension> codecExtensions = new ArrayList<>();
    int unavailableStatus = 503;
    List<EventListener> listeners = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    SessionMetrics metrics = SessionMetrics.NONE;
    boolean csrfCheck;
    boolean hashStoreIds = true;
    com.google.crypto.tink.Aead attributeAead;
    List<String> csrfExemptPaths = new ArrayList<>();
    List<String> csrfTrustedOrigins = new ArrayList<>();
    boolean checkOnStart;
    Transport transport = Transport.COOKIE;
    String headerName = "X-Session-Token";
    SessionLock lock;

    /** Checks the options against each other, so a caller can do so before creating the store. */
    void checkConsistent() {
        if (signingKeyset == null && secrets.isEmpty()) {
            throw new SessionException(SecretStrength.NO_SECRET);
        }
        if (hostPrefix && (!secure || cookieDomain != null || (cookiePath != null && !cookiePath.equals("/")))) {
            throw new SessionException("The __Host- cookie prefix (cookie.host-prefix, hostPrefix) needs"
                    + " cookie.secure=true, no cookie.domain and cookie.path=/");
        }
        if (sameSite == SameSite.NONE && !secure) {
            throw new SessionException("cookie.same-site=None (sameSite) needs cookie.secure=true (secure):"
                    + " browsers drop such cookies otherwise");
        }
    }

    /** Checks what depends on the store, once it is known. */
    void checkTransport() {
        if (transport != Transport.COOKIE && store instanceof ClientSideStore) {
            throw new SessionException("session.transport=" + transport.name().toLowerCase(java.util.Locale.ROOT)
                    + " (transport) needs a server-side store (memory, redis, jdbc): the cookie store keeps the"
                    + " whole session in cookies; set session.transport=cookie");
        }
    }

    /** Checks, once the store is known, that it can lock when {@code lock=true}. */
    void checkLock() {
        if (lock != null && store.locks().isEmpty()) {
            throw new SessionException("lock=true (lock) needs a store that can lock its sessions (memory, redis,"
                    + " jdbc); " + store.getClass().getSimpleName() + " cannot (the cookie store keeps each session in"
                    + " the browser, where requests cannot wait for each other): remove lock or choose another store");
        }
    }

    /** @return an unmodifiable copy with the derived values resolved: default store, cookie prefix, touch interval */
    Settings frozen() {
        Settings f = new Settings();
        SessionStore chosen = store != null ? store : InMemorySessionStore.builder().build();
        f.store = oldStore != null ? MigratingSessionStore.between(chosen, oldStore) : chosen;
        f.secrets = List.copyOf(secrets);
        f.signingKeyset = signingKeyset;
        f.cookieName = hostPrefix ? "__Host-" + cookieName : cookieName;
        f.secure = secure;
        f.sameSite = sameSite;
        f.cookiePath = hostPrefix ? "/" : cookiePath;
        f.cookieDomain = cookieDomain;
        f.hostPrefix = hostPrefix;
        f.persistentCookie = persistentCookie;
        f.idleTimeout = idleTimeout;
        f.absoluteTimeout = absoluteTimeout;
        f.touchInterval = touchInterval != null ? touchInterval : Durations.defaultTouchInterval(idleTimeout);
        f.saveMode = saveMode;
        f.saveEmptySessions = saveEmptySessions;
        f.maxConcurrentStoreCalls = maxConcurrentStoreCalls;
        f.allowedTypes = List.copyOf(allowedTypes);
        f.codecExtensions = List.copyOf(codecExtensions);
        f.unavailableStatus = unavailableStatus;
        f.listeners = List.copyOf(listeners);
        f.clock = clock;
        f.metrics = metrics;
        f.csrfCheck = csrfCheck;
        f.hashStoreIds = hashStoreIds;
        f.attributeAead = attributeAead;
        f.csrfExemptPaths = List.copyOf(csrfExemptPaths);
        f.csrfTrustedOrigins = List.copyOf(csrfTrustedOrigins);
        f.checkOnStart = checkOnStart;
        f.transport = transport;
        f.headerName = headerName;
        f.lock = lock;
        return f;
    }
}
