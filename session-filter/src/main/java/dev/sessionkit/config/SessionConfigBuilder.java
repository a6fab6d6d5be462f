package dev.sessionkit.config;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.codec.CodecExtension;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.MigratingSessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;


/** Builds a {@link SessionConfig}. Not thread-safe. */
public final class SessionConfigBuilder {
    final Settings settings = new Settings();

    SessionConfigBuilder() {
    }

    boolean hasStore() {
        return settings.store != null;
    }

    /**
     * @param store where sessions live; the in-memory store when never called
     * @return this builder
     */
    public SessionConfigBuilder store(SessionStore store) {
        settings.store = Options.required("store", store);
        return this;
    }

    /**
     * Opens a migration window: sessions not yet in {@link #store} are read from {@code oldStore} and moved
     * on first use (see {@link MigratingSessionStore}). Init-param {@code migrate.from}, with the old
     * store's own init-params under the prefix {@code migrate.from.}.
     *
     * @param oldStore where sessions lived until now
     * @return this builder
     */
    public SessionConfigBuilder migrateFrom(SessionStore oldStore) {
        settings.oldStore = Options.required("migrate.from (migrateFrom)", oldStore);
        return this;
    }

    /**
     * Sets the secret that signs session IDs (the current key). Keep it out of source control.
     *
     * @param secret at least {@value SessionConfig#MIN_SECRET_LENGTH} random characters
     * @return this builder
     */
    public SessionConfigBuilder secret(String secret) {
        settings.secrets.add(0, SecretStrength.check("secret", secret));
        return this;
    }

    /**
     * Adds a retired secret: IDs it signed still verify, new IDs are signed with {@link #secret}.
     * Remove it once the idle timeout has passed since rotation.
     *
     * @param secret at least {@value SessionConfig#MIN_SECRET_LENGTH} characters
     * @return this builder
     */
    public SessionConfigBuilder previousSecret(String secret) {
        settings.secrets.add(SecretStrength.check("secret.previous (previousSecret)", secret));
        return this;
    }

    /**
     * Signs with a Tink MAC keyset instead of secrets: its primary key signs, the others verify.
     *
     * @param keyset a keyset of MAC keys
     * @return this builder
     */
    public SessionConfigBuilder signingKeyset(KeysetHandle keyset) {
        settings.signingKeyset = Options.required("signingKeyset", keyset);
        return this;
    }

    /**
     * @param name the cookie name; {@code SESSION} by default
     * @return this builder
     */
    public SessionConfigBuilder cookieName(String name) {
        settings.cookieName = CookieAttributes.name(name);
        return this;
    }

    /**
     * @param secure false only for plain-HTTP development: the browser then sends the cookie unencrypted
     * @return this builder
     */
    public SessionConfigBuilder secure(boolean secure) {
        settings.secure = secure;
        return this;
    }

    /**
     * @param sameSite the SameSite attribute; LAX by default
     * @return this builder
     */
    public SessionConfigBuilder sameSite(SameSite sameSite) {
        settings.sameSite = Options.required("cookie.same-site (sameSite)", sameSite);
        return this;
    }

    /**
     * @param path the cookie path, starting with {@code /}; null for the context path, the default
     * @return this builder
     * @throws SessionException when the path holds {@code ;}, control or non-ASCII characters
     */
    public SessionConfigBuilder cookiePath(String path) {
        settings.cookiePath = CookieAttributes.path(path);
        return this;
    }

    /**
     * @param domain the cookie domain, a host name; null for host-only, the default
     * @return this builder
     * @throws SessionException when the domain is not a host name
     */
    public SessionConfigBuilder cookieDomain(String domain) {
        settings.cookieDomain = CookieAttributes.domain(domain);
        return this;
    }

    /**
     * @param hostPrefix name the cookie {@code __Host-<name>}, which browsers accept only when
     *                   Secure, with Path=/ and no Domain
     * @return this builder
     */
    public SessionConfigBuilder hostPrefix(boolean hostPrefix) {
        settings.hostPrefix = hostPrefix;
        return this;
    }

    /**
     * @param persistent give the cookie a Max-Age (the idle timeout) so it survives a browser restart
     * @return this builder
     */
    public SessionConfigBuilder persistentCookie(boolean persistent) {
        settings.persistentCookie = persistent;
        return this;
    }

    /**
     * @param idle how long a session lives without requests; zero for no idle timeout
     * @return this builder
     */
    public SessionConfigBuilder idleTimeout(Duration idle) {
        settings.idleTimeout = Options.nonNegative("timeout.idle (idleTimeout)", idle);
        return this;
    }

    /**
     * @param absolute the most a session lives from creation however active; zero for no cap
     * @return this builder
     */
    public SessionConfigBuilder absoluteTimeout(Duration absolute) {
        settings.absoluteTimeout = Options.nonNegative("timeout.absolute (absoluteTimeout)", absolute);
        return this;
    }

    /**
     * @param interval how old the recorded access must be before a request rewrites it; by default a
     *                 quarter of the idle timeout, at most one minute
     * @return this builder
     */
    public SessionConfigBuilder touchInterval(Duration interval) {
        settings.touchInterval = Options.nonNegative("touch.interval (touchInterval)", interval);
        return this;
    }

    /**
     * @param mode which attributes a request saves
     * @return this builder
     */
    public SessionConfigBuilder saveMode(SaveMode mode) {
        settings.saveMode = Options.required("save-mode (saveMode)", mode);
        return this;
    }

    /**
     * @param calls the most requests that may wait for a server-side store at once (default
     *              {@value SessionConfig#DEFAULT_MAX_CONCURRENT_STORE_CALLS}); when the store is slow, requests beyond it
     *              get the unavailable status at once instead of each holding a container thread, so
     *              requests that need no session keep being served; 0 for no limit. Keep it below the
     *              container's thread pool.
     * @return this builder
     */
    public SessionConfigBuilder maxConcurrentStoreCalls(int calls) {
        if (calls < 0) {
            throw new SessionException("store.max-concurrent-calls (maxConcurrentStoreCalls) must not be negative, was " + calls);
        }
        settings.maxConcurrentStoreCalls = calls;
        return this;
    }

    /**
     * Orders the requests of each session: one at a time, the others waiting (see {@link SessionLock}). Off
     * by default; the cookie store cannot lock.
     *
     * @param lock how long to wait, when a lock lapses, what to answer a request that waited in vain
     *             ({@link SessionLock#DEFAULTS} for the defaults)
     * @return this builder
     */
    public SessionConfigBuilder lock(SessionLock lock) {
        settings.lock = Options.required("lock (lock)", lock);
        return this;
    }

    /**
     * @param save store a new session and send its cookie even while it holds nothing (no attribute, no
     *             principal); off by default (express-session's {@code saveUninitialized=false}), so a
     *             request that only calls {@code getSession()} costs the store nothing
     * @return this builder
     */
    public SessionConfigBuilder saveEmptySessions(boolean save) {
        settings.saveEmptySessions = save;
        return this;
    }

    /**
     * @param check fail the filter's {@code init}, so the application does not start, when the store's
     *              health check finds its backing service unreachable (a mistyped host or port, a database
     *              that is down); off by default
     * @return this builder
     */
    public SessionConfigBuilder checkOnStart(boolean check) {
        settings.checkOnStart = check;
        return this;
    }

    /**
     * @param transport where the signed session token travels: {@link Transport#COOKIE} (the default),
     *                  {@link Transport#HEADER} for API and mobile clients (no cookie is ever set), or
     *                  {@link Transport#BOTH}; a header needs a server-side store
     * @return this builder
     */
    public SessionConfigBuilder transport(Transport transport) {
        settings.transport = Options.required("session.transport (transport)", transport);
        return this;
    }

    /**
     * @param name the header that carries the token; {@code X-Session-Token} by default. An HTTP token
     *             (letters, digits, {@code -} and the like), not {@code Cookie} or {@code Set-Cookie}.
     * @return this builder
     * @throws SessionException when the name is not a usable header name
     */
    public SessionConfigBuilder headerName(String name) {
        settings.headerName = CookieAttributes.headerName(name);
        return this;
    }

    /**
     * @param types application classes, or packages written {@code "com.example.*"}, whose values the
     *              codec may store and read back
     * @return this builder
     */
    public SessionConfigBuilder allowedTypes(List<String> types) {
        settings.allowedTypes.addAll(Options.noNulls("allowed-types (allowedTypes)", types));
        return this;
    }

    /**
     * @param types classes whose values the codec may store and read back
     * @return this builder
     */
    public SessionConfigBuilder allowedTypes(Class<?>... types) {
        for (Class<?> type : Options.required("allowed-types (allowedTypes)", types)) {
            settings.allowedTypes.add(Options.required("allowed-types (allowedTypes)", type).getName());
        }
        return this;
    }

    /**
     * Lets the codec store a third-party type: the extension's Jackson modules and mixins say how to
     * write and read it, and its {@link CodecExtension#allowedTypes()} (exact classes) join the
     * allow-list. Default typing stays off whatever the modules do.
     *
     * @param extension modules, mixins and the classes they serve
     * @return this builder
     */
    public SessionConfigBuilder codecExtension(CodecExtension extension) {
        settings.codecExtensions.add(Options.required("codec.extensions (codecExtension)", extension));
        return this;
    }

    /**
     * @param status the HTTP status answered when the store is down; 503 by default
     * @return this builder
     */
    public SessionConfigBuilder unavailableStatus(int status) {
        if (status < 400 || status > 599) {
            throw new SessionException("unavailable.status (unavailableStatus) must be an HTTP error status (400-599), was " + status);
        }
        settings.unavailableStatus = status;
        return this;
    }

    /**
     * @param listener an {@code HttpSessionListener}, {@code HttpSessionAttributeListener} or
     *                 {@code HttpSessionIdListener} to call for this filter's sessions
     * @return this builder
     */
    public SessionConfigBuilder listener(EventListener listener) {
        settings.listeners.add(Options.required("listeners (listener)", listener));
        return this;
    }

    /**
     * @param clock the clock that times sessions; for tests
     * @return this builder
     */
    public SessionConfigBuilder clock(Clock clock) {
        settings.clock = Options.required("clock", clock);
        return this;
    }

    /**
     * @param metrics where counts and timings go, for example a {@link
     *                dev.sessionkit.metrics.MicrometerSessionMetrics}; none by default
     * @return this builder
     */
    public SessionConfigBuilder metrics(SessionMetrics metrics) {
        settings.metrics = Options.required("metrics", metrics);
        return this;
    }

    /**
     * Chooses whether a server-side store (memory, Redis, JDBC) keeps each session under a keyed hash of
     * its ID (HMAC-SHA256 under a key derived from the signing secret, which the store never holds), so
     * that whoever reads the store (a dump, a replica, a backup, {@code MONITOR}) finds no value a cookie
     * could carry. On by default. Turn it off only for a store that already holds sessions under plain
     * IDs and must keep them: turning it on makes those sessions unknown, so their users sign in again.
     *
     * @param hash false to key sessions by their plain IDs
     * @return this builder
     */
    public SessionConfigBuilder hashStoreIds(boolean hash) {
        settings.hashStoreIds = hash;
        return this;
    }

    /**
     * Seals every attribute value with a Tink AEAD before a server-side store (memory, Redis, JDBC) sees
     * it, with the session's lineage and the attribute's name as associated data. Metadata stays readable
     * (times, principal, attribute names, login details). The primary key seals, every key opens, so keys
     * rotate as in the cookie store: add, deploy, promote, deploy, remove.
     *
     * @param keyset an AEAD keyset (AES-256-GCM, XChaCha20-Poly1305)
     * @return this builder
     * @throws SessionException when the keyset is not an AEAD keyset
     */
    public SessionConfigBuilder encryptAttributes(KeysetHandle keyset) {
        settings.attributeAead = AtRestKeyset.aead(Options.required("store.encrypt-keyset-file (encryptAttributes)", keyset),
                "store.encrypt-keyset-file (encryptAttributes)");
        return this;
    }

    /**
     * Turns on the filter's CSRF check: an unsafe request (anything but GET, HEAD, OPTIONS and TRACE) is
     * answered 403, before the application sees it, unless it carries the token of
     * {@link dev.sessionkit.filter.Sessions#csrfToken} in the {@code X-CSRF-Token} header or the
     * {@code _csrf} form field, and unless its Origin (or, without one, its Referer) is the request's own
     * or a {@linkplain #csrfTrustedOrigins trusted} one.
     *
     * @param check true to check; off by default
     * @return this builder
     */
    public SessionConfigBuilder csrfCheck(boolean check) {
        settings.csrfCheck = check;
        return this;
    }

    /**
     * @param paths paths within the application that the CSRF check skips (webhooks, token-authenticated
     *              APIs): {@code /exact/path} or {@code /prefix/*}
     * @return this builder
     * @throws SessionException when a path does not start with {@code /} or has a {@code *} elsewhere than
     *                          in a final {@code /*}
     */
    public SessionConfigBuilder csrfExemptPaths(List<String> paths) {
        for (String path : Options.noNulls("csrf.exempt-paths (csrfExemptPaths)", paths)) {
            settings.csrfExemptPaths.add(CsrfOptions.exemptPath(path));
        }
        return this;
    }

    /**
     * @param origins origins besides the request's own that may send unsafe requests, such as
     *                {@code https://app.example.com} (another front end of the same application, or the
     *                public origin when a proxy hides it from the container)
     * @return this builder
     * @throws SessionException when a value is not {@code scheme://host[:port]}
     */
    public SessionConfigBuilder csrfTrustedOrigins(List<String> origins) {
        for (String origin : Options.noNulls("csrf.trusted-origins (csrfTrustedOrigins)", origins)) {
            settings.csrfTrustedOrigins.add(CsrfOptions.origin(origin));
        }
        return this;
    }

    /**
     * @return the configuration
     * @throws SessionException when no secret or keyset was given, or options contradict each other
     */
    public SessionConfig build() {
        return new SessionConfig(this);
    }

    /** Checks the options against each other, so a caller can do so before creating the store. */
    void checkConsistent() {
        settings.checkConsistent();
    }
}
