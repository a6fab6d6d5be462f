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

/**
 * Everything {@code SessionFilter} needs: the store, the signing keys, the cookie and the timeouts.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}, or let the filter read init-params
 * (see {@link #fromInitParams}). Defaults are the secure choice: a {@code Secure}, {@code HttpOnly},
 * {@code SameSite=Lax} session cookie named {@code SESSION}, a 30-minute idle timeout, an 8-hour
 * absolute lifetime, and the in-memory store.
 */
public final class SessionConfig {

    /** Default of {@link Builder#maxConcurrentStoreCalls}. */
    public static final int DEFAULT_MAX_CONCURRENT_STORE_CALLS = 128;

    /** Shortest accepted signing secret, in characters; it must also be random enough (see README.md). */
    public static final int MIN_SECRET_LENGTH = SecretStrength.MIN_LENGTH;

    private final Settings s;

    private SessionConfig(Builder b) {
        b.checkConsistent();
        this.s = b.settings.frozen();
        s.checkTransport();
    }

    /**
     * @return a builder with the secure defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration from filter init-params: those of the configuration table in README.md and
     * the chosen store's own (see {@link SessionStoreProvider#parameters()}); any other name fails, naming
     * the nearest known one. Durations are seconds ({@code 1800}), {@code 500ms}, {@code 90s}, {@code 30m},
     * {@code 8h}, {@code 2d} or ISO-8601 ({@code PT30M}). Every value is checked before the store is
     * created, so a failure leaves nothing running; the store is not started (the filter starts it).
     *
     * @param initParams init-param name to value
     * @param env        how to read an environment variable (for {@code secret.env})
     * @return the configuration
     * @throws SessionException naming the parameter that is missing, unknown or wrong
     */
    public static SessionConfig fromInitParams(Map<String, String> initParams, Function<String, String> env) {
        return new InitParamReader(initParams, env, b -> { }).read();
    }

    /**
     * Reads init-params as {@link #fromInitParams(Map, Function)} does, then lets the caller add what
     * init-params cannot carry (the application's DataSource-backed store, its metrics registry) before
     * the store is created. A store the customizer sets replaces the one the {@code store} init-param would
     * create; that init-param still says which store's parameters are valid. Integrations such as the
     * Spring Boot starter use it.
     *
     * @param initParams init-param name to value
     * @param env        how to read an environment variable (for {@code secret.env})
     * @param customizer called with the builder once every init-param is applied and checked
     * @return the configuration
     * @throws SessionException naming the parameter that is missing, unknown or wrong
     */
    public static SessionConfig fromInitParams(Map<String, String> initParams, Function<String, String> env,
                                               Consumer<Builder> customizer) {
        return new InitParamReader(initParams, env, Options.required("customizer", customizer)).read();
    }

    /** @return the store */
    public SessionStore store() {
        return s.store;
    }

    /** @return signing secrets, the first signs; empty when a keyset was given */
    public List<String> secrets() {
        return s.secrets;
    }

    /** @return the Tink MAC keyset that signs cookie IDs, or null when secrets are used */
    public KeysetHandle signingKeyset() {
        return s.signingKeyset;
    }

    /** @return the cookie name, with its {@code __Host-} prefix when configured */
    public String cookieName() {
        return s.cookieName;
    }

    /** @return whether the cookie is marked Secure */
    public boolean secure() {
        return s.secure;
    }

    /** @return the cookie's SameSite attribute */
    public SameSite sameSite() {
        return s.sameSite;
    }

    /** @return the cookie path, or null for the context path */
    public String cookiePath() {
        return s.cookiePath;
    }

    /** @return the cookie domain, or null for host-only */
    public String cookieDomain() {
        return s.cookieDomain;
    }

    /** @return whether the cookie outlives the browser session (Max-Age set to the idle timeout) */
    public boolean persistentCookie() {
        return s.persistentCookie;
    }

    /** @return the default idle timeout of new sessions; zero means none */
    public Duration idleTimeout() {
        return s.idleTimeout;
    }

    /** @return the most a session may live from creation, however active; zero means no cap */
    public Duration absoluteTimeout() {
        return s.absoluteTimeout;
    }

    /** @return how old the recorded access must be before a request rewrites it */
    public Duration touchInterval() {
        return s.touchInterval;
    }

    /** @return which attributes a request saves */
    public SaveMode saveMode() {
        return s.saveMode;
    }

    /**
     * @return whether a new session that holds nothing (no attribute, no principal) is stored and sent a
     *         cookie; false by default, so floods of cookieless requests cost the store nothing
     */
    public boolean saveEmptySessions() {
        return s.saveEmptySessions;
    }

    /**
     * @return the most requests that may wait for a server-side store at once; beyond it a request gets the
     *         unavailable status at once; 0 for no limit
     */
    public int maxConcurrentStoreCalls() {
        return s.maxConcurrentStoreCalls;
    }

    /** @return application types and packages ("pkg.*") the codec may read back */
    public List<String> allowedTypes() {
        return s.allowedTypes;
    }

    /** @return Jackson modules and mixins for third-party types, with the classes each allows */
    public List<CodecExtension> codecExtensions() {
        return s.codecExtensions;
    }

    /** @return the status sent when the store is unavailable */
    public int unavailableStatus() {
        return s.unavailableStatus;
    }

    /** @return session listeners called for this filter's sessions */
    public List<EventListener> listeners() {
        return s.listeners;
    }

    /** @return the clock that times sessions */
    public Clock clock() {
        return s.clock;
    }

    /** @return where counts and timings go */
    public SessionMetrics metrics() {
        return s.metrics;
    }

    /**
     * @return whether a server-side store keeps each session under a keyed hash of its ID instead of the ID
     *         (true by default)
     */
    public boolean hashStoreIds() {
        return s.hashStoreIds;
    }

    /**
     * @return the AEAD that seals attribute values before a server-side store sees them, or null when
     *         encryption at rest is off (the default)
     */
    public com.google.crypto.tink.Aead attributeAead() {
        return s.attributeAead;
    }

    /**
     * @return whether the filter refuses unsafe requests (POST, PUT, DELETE, PATCH, anything but GET, HEAD,
     *         OPTIONS and TRACE) that do not carry the session's CSRF token or that come from another origin;
     *         false by default
     */
    public boolean csrfCheck() {
        return s.csrfCheck;
    }

    /** @return paths within the application ({@code /exact} or {@code /prefix/*}) the CSRF check skips */
    public List<String> csrfExemptPaths() {
        return s.csrfExemptPaths;
    }

    /**
     * @return origins besides the request's own whose unsafe requests the CSRF check accepts, as browsers
     *         write them ({@code https://app.example.com})
     */
    public List<String> csrfTrustedOrigins() {
        return s.csrfTrustedOrigins;
    }

    /**
     * @return whether the filter's {@code init} fails when the store's {@linkplain SessionStore#health() health
     *         check} finds it unreachable; false by default, so an application starts while its store is down
     *         and answers the unavailable status until the store is back
     */
    public boolean checkOnStart() {
        return s.checkOnStart;
    }

    /** @return where the session token travels: the cookie (the default), a header, or both */
    public Transport transport() {
        return s.transport;
    }

    /** @return the request and response header that carries the token with {@link Transport#HEADER} or {@link Transport#BOTH} */
    public String headerName() {
        return s.headerName;
    }

    /**
     * Describes the effective configuration for the startup log: store, timeouts, cookie and save mode.
     * Never shows secrets or keys, only how many there are.
     *
     * @return one line, such as {@code store=..., timeout.idle=30m, ..., cookie=SESSION (Secure, ...)}
     */
    @Override
    public String toString() {
        return ConfigSummary.of(this);
    }

    /** Builds a {@link SessionConfig}. Not thread-safe. */
    public static final class Builder {
        private final Settings settings = new Settings();

        private Builder() {
        }

        boolean hasStore() {
            return settings.store != null;
        }

        /**
         * @param store where sessions live; the in-memory store when never called
         * @return this builder
         */
        public Builder store(SessionStore store) {
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
        public Builder migrateFrom(SessionStore oldStore) {
            settings.oldStore = Options.required("migrate.from (migrateFrom)", oldStore);
            return this;
        }

        /**
         * Sets the secret that signs session IDs (the current key). Keep it out of source control.
         *
         * @param secret at least {@value SessionConfig#MIN_SECRET_LENGTH} random characters
         * @return this builder
         */
        public Builder secret(String secret) {
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
        public Builder previousSecret(String secret) {
            settings.secrets.add(SecretStrength.check("secret.previous (previousSecret)", secret));
            return this;
        }

        /**
         * Signs with a Tink MAC keyset instead of secrets: its primary key signs, the others verify.
         *
         * @param keyset a keyset of MAC keys
         * @return this builder
         */
        public Builder signingKeyset(KeysetHandle keyset) {
            settings.signingKeyset = Options.required("signingKeyset", keyset);
            return this;
        }

        /**
         * @param name the cookie name; {@code SESSION} by default
         * @return this builder
         */
        public Builder cookieName(String name) {
            settings.cookieName = CookieAttributes.name(name);
            return this;
        }

        /**
         * @param secure false only for plain-HTTP development: the browser then sends the cookie unencrypted
         * @return this builder
         */
        public Builder secure(boolean secure) {
            settings.secure = secure;
            return this;
        }

        /**
         * @param sameSite the SameSite attribute; LAX by default
         * @return this builder
         */
        public Builder sameSite(SameSite sameSite) {
            settings.sameSite = Options.required("cookie.same-site (sameSite)", sameSite);
            return this;
        }

        /**
         * @param path the cookie path, starting with {@code /}; null for the context path, the default
         * @return this builder
         * @throws SessionException when the path holds {@code ;}, control or non-ASCII characters
         */
        public Builder cookiePath(String path) {
            settings.cookiePath = CookieAttributes.path(path);
            return this;
        }

        /**
         * @param domain the cookie domain, a host name; null for host-only, the default
         * @return this builder
         * @throws SessionException when the domain is not a host name
         */
        public Builder cookieDomain(String domain) {
            settings.cookieDomain = CookieAttributes.domain(domain);
            return this;
        }

        /**
         * @param hostPrefix name the cookie {@code __Host-<name>}, which browsers accept only when
         *                   Secure, with Path=/ and no Domain
         * @return this builder
         */
        public Builder hostPrefix(boolean hostPrefix) {
            settings.hostPrefix = hostPrefix;
            return this;
        }

        /**
         * @param persistent give the cookie a Max-Age (the idle timeout) so it survives a browser restart
         * @return this builder
         */
        public Builder persistentCookie(boolean persistent) {
            settings.persistentCookie = persistent;
            return this;
        }

        /**
         * @param idle how long a session lives without requests; zero for no idle timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration idle) {
            settings.idleTimeout = Options.nonNegative("timeout.idle (idleTimeout)", idle);
            return this;
        }

        /**
         * @param absolute the most a session lives from creation however active; zero for no cap
         * @return this builder
         */
        public Builder absoluteTimeout(Duration absolute) {
            settings.absoluteTimeout = Options.nonNegative("timeout.absolute (absoluteTimeout)", absolute);
            return this;
        }

        /**
         * @param interval how old the recorded access must be before a request rewrites it; by default a
         *                 quarter of the idle timeout, at most one minute
         * @return this builder
         */
        public Builder touchInterval(Duration interval) {
            settings.touchInterval = Options.nonNegative("touch.interval (touchInterval)", interval);
            return this;
        }

        /**
         * @param mode which attributes a request saves
         * @return this builder
         */
        public Builder saveMode(SaveMode mode) {
            settings.saveMode = Options.required("save-mode (saveMode)", mode);
            return this;
        }

        /**
         * @param calls the most requests that may wait for a server-side store at once (default
         *              {@value #DEFAULT_MAX_CONCURRENT_STORE_CALLS}); when the store is slow, requests beyond it
         *              get the unavailable status at once instead of each holding a container thread, so
         *              requests that need no session keep being served; 0 for no limit. Keep it below the
         *              container's thread pool.
         * @return this builder
         */
        public Builder maxConcurrentStoreCalls(int calls) {
            if (calls < 0) {
                throw new SessionException("store.max-concurrent-calls (maxConcurrentStoreCalls) must not be negative, was " + calls);
            }
            settings.maxConcurrentStoreCalls = calls;
            return this;
        }

        /**
         * @param save store a new session and send its cookie even while it holds nothing (no attribute, no
         *             principal); off by default (express-session's {@code saveUninitialized=false}), so a
         *             request that only calls {@code getSession()} costs the store nothing
         * @return this builder
         */
        public Builder saveEmptySessions(boolean save) {
            settings.saveEmptySessions = save;
            return this;
        }

        /**
         * @param check fail the filter's {@code init}, so the application does not start, when the store's
         *              health check finds its backing service unreachable (a mistyped host or port, a database
         *              that is down); off by default
         * @return this builder
         */
        public Builder checkOnStart(boolean check) {
            settings.checkOnStart = check;
            return this;
        }

        /**
         * @param transport where the signed session token travels: {@link Transport#COOKIE} (the default),
         *                  {@link Transport#HEADER} for API and mobile clients (no cookie is ever set), or
         *                  {@link Transport#BOTH}; a header needs a server-side store
         * @return this builder
         */
        public Builder transport(Transport transport) {
            settings.transport = Options.required("session.transport (transport)", transport);
            return this;
        }

        /**
         * @param name the header that carries the token; {@code X-Session-Token} by default. An HTTP token
         *             (letters, digits, {@code -} and the like), not {@code Cookie} or {@code Set-Cookie}.
         * @return this builder
         * @throws SessionException when the name is not a usable header name
         */
        public Builder headerName(String name) {
            settings.headerName = CookieAttributes.headerName(name);
            return this;
        }

        /**
         * @param types application classes, or packages written {@code "com.example.*"}, whose values the
         *              codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(List<String> types) {
            settings.allowedTypes.addAll(Options.noNulls("allowed-types (allowedTypes)", types));
            return this;
        }

        /**
         * @param types classes whose values the codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(Class<?>... types) {
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
        public Builder codecExtension(CodecExtension extension) {
            settings.codecExtensions.add(Options.required("codec.extensions (codecExtension)", extension));
            return this;
        }

        /**
         * @param status the HTTP status answered when the store is down; 503 by default
         * @return this builder
         */
        public Builder unavailableStatus(int status) {
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
        public Builder listener(EventListener listener) {
            settings.listeners.add(Options.required("listeners (listener)", listener));
            return this;
        }

        /**
         * @param clock the clock that times sessions; for tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.clock = Options.required("clock", clock);
            return this;
        }

        /**
         * @param metrics where counts and timings go, for example a {@link
         *                dev.sessionkit.metrics.MicrometerSessionMetrics}; none by default
         * @return this builder
         */
        public Builder metrics(SessionMetrics metrics) {
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
        public Builder hashStoreIds(boolean hash) {
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
        public Builder encryptAttributes(KeysetHandle keyset) {
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
        public Builder csrfCheck(boolean check) {
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
        public Builder csrfExemptPaths(List<String> paths) {
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
        public Builder csrfTrustedOrigins(List<String> origins) {
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
}
