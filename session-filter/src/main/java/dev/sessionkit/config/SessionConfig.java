package dev.sessionkit.config;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
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

    private final SessionStore store;
    private final List<String> secrets;
    private final KeysetHandle signingKeyset;
    private final String cookieName;
    private final boolean secure;
    private final SameSite sameSite;
    private final String cookiePath;
    private final String cookieDomain;
    private final boolean persistentCookie;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Duration touchInterval;
    private final SaveMode saveMode;
    private final boolean saveEmptySessions;
    private final int maxConcurrentStoreCalls;
    private final List<String> allowedTypes;
    private final int unavailableStatus;
    private final List<EventListener> listeners;
    private final Clock clock;
    private final SessionMetrics metrics;

    private SessionConfig(Builder b) {
        b.checkConsistent();
        this.store = b.store != null ? b.store : InMemorySessionStore.builder().build();
        this.secrets = List.copyOf(b.secrets);
        this.signingKeyset = b.signingKeyset;
        this.cookieName = b.hostPrefix ? "__Host-" + b.cookieName : b.cookieName;
        this.secure = b.secure;
        this.sameSite = b.sameSite;
        this.cookiePath = b.hostPrefix ? "/" : b.cookiePath;
        this.cookieDomain = b.cookieDomain;
        this.persistentCookie = b.persistentCookie;
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        Duration touch = b.touchInterval != null ? b.touchInterval : Durations.defaultTouchInterval(b.idleTimeout);
        this.touchInterval = touch;
        this.saveMode = b.saveMode;
        this.saveEmptySessions = b.saveEmptySessions;
        this.maxConcurrentStoreCalls = b.maxConcurrentStoreCalls;
        this.allowedTypes = List.copyOf(b.allowedTypes);
        this.unavailableStatus = b.unavailableStatus;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.metrics = b.metrics;
    }

    /**
     * @return a builder with the secure defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration from filter init-params. The keys are those documented in README.md:
     * {@code secret}, {@code secret.env}, {@code secret.previous}, {@code store}, {@code cookie.name},
     * {@code cookie.secure}, {@code cookie.same-site}, {@code cookie.path}, {@code cookie.domain},
     * {@code cookie.host-prefix}, {@code cookie.persistent}, {@code timeout.idle}, {@code timeout.absolute},
     * {@code touch.interval}, {@code save-mode}, {@code allowed-types}, {@code unavailable.status},
     * {@code listeners}, {@code metrics}, and the chosen store's own keys (see
     * {@link SessionStoreProvider#parameters()}); any other key fails, naming the nearest known one.
     * Durations are seconds ({@code 1800}), or {@code 30m}, {@code 8h}, {@code 90s}, or ISO-8601
     * ({@code PT30M}). Every value is checked before the store is created, so a failure leaves nothing
     * running; the store is not started (the filter starts it).
     *
     * @param initParams init-param name to value
     * @param env        how to read an environment variable (for {@code secret.env})
     * @return the configuration
     * @throws SessionException naming the parameter that is missing, unknown or wrong
     */
    public static SessionConfig fromInitParams(Map<String, String> initParams, Function<String, String> env) {
        return new InitParamReader(initParams, env).read();
    }

    /** @return the store */
    public SessionStore store() {
        return store;
    }

    /** @return signing secrets, the first signs; empty when a keyset was given */
    public List<String> secrets() {
        return secrets;
    }

    /** @return the Tink MAC keyset that signs cookie IDs, or null when secrets are used */
    public KeysetHandle signingKeyset() {
        return signingKeyset;
    }

    /** @return the cookie name, with its {@code __Host-} prefix when configured */
    public String cookieName() {
        return cookieName;
    }

    /** @return whether the cookie is marked Secure */
    public boolean secure() {
        return secure;
    }

    /** @return the cookie's SameSite attribute */
    public SameSite sameSite() {
        return sameSite;
    }

    /** @return the cookie path, or null for the context path */
    public String cookiePath() {
        return cookiePath;
    }

    /** @return the cookie domain, or null for host-only */
    public String cookieDomain() {
        return cookieDomain;
    }

    /** @return whether the cookie outlives the browser session (Max-Age set to the idle timeout) */
    public boolean persistentCookie() {
        return persistentCookie;
    }

    /** @return the default idle timeout of new sessions; zero means none */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return the most a session may live from creation, however active; zero means no cap */
    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    /** @return how old the recorded access must be before a request rewrites it */
    public Duration touchInterval() {
        return touchInterval;
    }

    /** @return which attributes a request saves */
    public SaveMode saveMode() {
        return saveMode;
    }

    /**
     * @return whether a new session that holds nothing (no attribute, no principal) is stored and sent a
     *         cookie; false by default, so floods of cookieless requests cost the store nothing
     */
    public boolean saveEmptySessions() {
        return saveEmptySessions;
    }

    /**
     * @return the most requests that may wait for a server-side store at once; beyond it a request gets the
     *         unavailable status at once; 0 for no limit
     */
    public int maxConcurrentStoreCalls() {
        return maxConcurrentStoreCalls;
    }

    /** @return application types and packages ("pkg.*") the codec may read back */
    public List<String> allowedTypes() {
        return allowedTypes;
    }

    /** @return the status sent when the store is unavailable */
    public int unavailableStatus() {
        return unavailableStatus;
    }

    /** @return session listeners called for this filter's sessions */
    public List<EventListener> listeners() {
        return listeners;
    }

    /** @return the clock that times sessions */
    public Clock clock() {
        return clock;
    }

    /** @return where counts and timings go */
    public SessionMetrics metrics() {
        return metrics;
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
        private SessionStore store;
        private final List<String> secrets = new ArrayList<>();
        private KeysetHandle signingKeyset;
        private String cookieName = "SESSION";
        private boolean secure = true;
        private SameSite sameSite = SameSite.LAX;
        private String cookiePath;
        private String cookieDomain;
        private boolean hostPrefix;
        private boolean persistentCookie;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration absoluteTimeout = Duration.ofHours(8);
        private Duration touchInterval;
        private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;
        private boolean saveEmptySessions;
        private int maxConcurrentStoreCalls = DEFAULT_MAX_CONCURRENT_STORE_CALLS;
        private final List<String> allowedTypes = new ArrayList<>();
        private int unavailableStatus = 503;
        private final List<EventListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private SessionMetrics metrics = SessionMetrics.NONE;

        private Builder() {
        }

        /**
         * @param store where sessions live; the in-memory store when never called
         * @return this builder
         */
        public Builder store(SessionStore store) {
            this.store = Options.required("store", store);
            return this;
        }

        /**
         * Sets the secret that signs session IDs (the current key). Keep it out of source control.
         *
         * @param secret at least {@value SessionConfig#MIN_SECRET_LENGTH} random characters
         * @return this builder
         */
        public Builder secret(String secret) {
            secrets.add(0, SecretStrength.check("secret", secret));
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
            secrets.add(SecretStrength.check("secret.previous (previousSecret)", secret));
            return this;
        }

        /**
         * Signs with a Tink MAC keyset instead of secrets: its primary key signs, the others verify.
         *
         * @param keyset a keyset of MAC keys
         * @return this builder
         */
        public Builder signingKeyset(KeysetHandle keyset) {
            this.signingKeyset = Options.required("signingKeyset", keyset);
            return this;
        }

        /**
         * @param name the cookie name; {@code SESSION} by default
         * @return this builder
         */
        public Builder cookieName(String name) {
            this.cookieName = CookieAttributes.name(name);
            return this;
        }

        /**
         * @param secure false only for plain-HTTP development: the browser then sends the cookie unencrypted
         * @return this builder
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * @param sameSite the SameSite attribute; LAX by default
         * @return this builder
         */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Options.required("cookie.same-site (sameSite)", sameSite);
            return this;
        }

        /**
         * @param path the cookie path, starting with {@code /}; null for the context path, the default
         * @return this builder
         * @throws SessionException when the path holds {@code ;}, control or non-ASCII characters
         */
        public Builder cookiePath(String path) {
            this.cookiePath = CookieAttributes.path(path);
            return this;
        }

        /**
         * @param domain the cookie domain, a host name; null for host-only, the default
         * @return this builder
         * @throws SessionException when the domain is not a host name
         */
        public Builder cookieDomain(String domain) {
            this.cookieDomain = CookieAttributes.domain(domain);
            return this;
        }

        /**
         * @param hostPrefix name the cookie {@code __Host-<name>}, which browsers accept only when
         *                   Secure, with Path=/ and no Domain
         * @return this builder
         */
        public Builder hostPrefix(boolean hostPrefix) {
            this.hostPrefix = hostPrefix;
            return this;
        }

        /**
         * @param persistent give the cookie a Max-Age (the idle timeout) so it survives a browser restart
         * @return this builder
         */
        public Builder persistentCookie(boolean persistent) {
            this.persistentCookie = persistent;
            return this;
        }

        /**
         * @param idle how long a session lives without requests; zero for no idle timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration idle) {
            this.idleTimeout = Options.nonNegative("timeout.idle (idleTimeout)", idle);
            return this;
        }

        /**
         * @param absolute the most a session lives from creation however active; zero for no cap
         * @return this builder
         */
        public Builder absoluteTimeout(Duration absolute) {
            this.absoluteTimeout = Options.nonNegative("timeout.absolute (absoluteTimeout)", absolute);
            return this;
        }

        /**
         * @param interval how old the recorded access must be before a request rewrites it; by default a
         *                 quarter of the idle timeout, at most one minute
         * @return this builder
         */
        public Builder touchInterval(Duration interval) {
            this.touchInterval = Options.nonNegative("touch.interval (touchInterval)", interval);
            return this;
        }

        /**
         * @param mode which attributes a request saves
         * @return this builder
         */
        public Builder saveMode(SaveMode mode) {
            this.saveMode = Options.required("save-mode (saveMode)", mode);
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
                throw new SessionException("store.max-concurrent-calls must not be negative, was " + calls);
            }
            this.maxConcurrentStoreCalls = calls;
            return this;
        }

        /**
         * @param save store a new session and send its cookie even while it holds nothing (no attribute, no
         *             principal); off by default (express-session's {@code saveUninitialized=false}), so a
         *             request that only calls {@code getSession()} costs the store nothing
         * @return this builder
         */
        public Builder saveEmptySessions(boolean save) {
            this.saveEmptySessions = save;
            return this;
        }

        /**
         * @param types application classes, or packages written {@code "com.example.*"}, whose values the
         *              codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(List<String> types) {
            allowedTypes.addAll(Options.noNulls("allowed-types (allowedTypes)", types));
            return this;
        }

        /**
         * @param types classes whose values the codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(Class<?>... types) {
            for (Class<?> type : Options.required("allowed-types (allowedTypes)", types)) {
                allowedTypes.add(Options.required("allowed-types (allowedTypes)", type).getName());
            }
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
            this.unavailableStatus = status;
            return this;
        }

        /**
         * @param listener an {@code HttpSessionListener}, {@code HttpSessionAttributeListener} or
         *                 {@code HttpSessionIdListener} to call for this filter's sessions
         * @return this builder
         */
        public Builder listener(EventListener listener) {
            listeners.add(Options.required("listeners (listener)", listener));
            return this;
        }

        /**
         * @param clock the clock that times sessions; for tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Options.required("clock", clock);
            return this;
        }

        /**
         * @param metrics where counts and timings go, for example a {@link
         *                dev.sessionkit.metrics.MicrometerSessionMetrics}; none by default
         * @return this builder
         */
        public Builder metrics(SessionMetrics metrics) {
            this.metrics = Options.required("metrics", metrics);
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
    }
}
