package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Everything {@link dev.sessionkit.filter.SessionFilter} needs: the store, the signing keys, the cookie and the timeouts.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}, or let the filter read init-params
 * (see {@link #fromInitParams}). Defaults are the secure choice: a {@code Secure}, {@code HttpOnly},
 * {@code SameSite=Lax} session cookie named {@code SESSION}, a 30-minute idle timeout, an 8-hour
 * absolute lifetime, and the in-memory store.
 */
public final class SessionConfig {

    /** Shortest accepted signing secret, in characters. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String NO_SECRET = "No signing secret: set the 'secret' init-param (or 'secret.env', the name of an"
            + " environment variable holding it), or call SessionConfig.builder().secret(...), with at least "
            + MIN_SECRET_LENGTH + " random characters. Generate one with: openssl rand -base64 48";

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
    private final List<String> allowedTypes;
    private final int unavailableStatus;
    private final List<EventListener> listeners;
    private final Clock clock;
    private final SessionMetrics metrics;

    private SessionConfig(Builder b) {
        if (b.signingKeyset == null && b.secrets.isEmpty()) {
            throw new SessionException(NO_SECRET);
        }
        this.store = b.store != null ? b.store : InMemorySessionStore.builder().build();
        this.secrets = List.copyOf(b.secrets);
        this.signingKeyset = b.signingKeyset;
        this.cookieName = b.hostPrefix ? "__Host-" + b.cookieName : b.cookieName;
        if (b.hostPrefix && (!b.secure || b.cookieDomain != null || (b.cookiePath != null && !b.cookiePath.equals("/")))) {
            throw new SessionException("The __Host- cookie prefix needs cookie.secure=true, no cookie.domain and cookie.path=/");
        }
        if (b.sameSite == SameSite.NONE && !b.secure) {
            throw new SessionException("cookie.same-site=None needs cookie.secure=true: browsers drop such cookies otherwise");
        }
        this.secure = b.secure;
        this.sameSite = b.sameSite;
        this.cookiePath = b.hostPrefix ? "/" : b.cookiePath;
        this.cookieDomain = b.cookieDomain;
        this.persistentCookie = b.persistentCookie;
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        Duration touch = b.touchInterval != null ? b.touchInterval : defaultTouchInterval(b.idleTimeout);
        this.touchInterval = touch;
        this.saveMode = b.saveMode;
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
     * {@code listeners}, {@code memory.max-sessions}, and the chosen store's own keys. Durations are
     * seconds ({@code 1800}), or {@code 30m}, {@code 8h}, {@code 90s}, or ISO-8601 ({@code PT30M}).
     *
     * @param initParams init-param name to value
     * @param env        how to read an environment variable (for {@code secret.env})
     * @return the configuration
     * @throws SessionException naming the parameter that is missing or wrong
     */
    public static SessionConfig fromInitParams(Map<String, String> initParams, Function<String, String> env) {
        InitParams params = new InitParams(initParams);
        Builder b = builder();
        String secret = params.get("secret");
        String secretEnv = params.get("secret.env");
        if (secret == null && secretEnv != null) {
            secret = env.apply(secretEnv);
            if (secret == null) {
                throw new SessionException("secret.env names the environment variable " + secretEnv + ", which is not set");
            }
        }
        if (secret == null) {
            throw new SessionException(NO_SECRET);
        }
        b.secret(secret);
        params.list("secret.previous").forEach(b::previousSecret);
        b.store(createStore(params, initParams));
        params.string("cookie.name", b::cookieName);
        params.bool("cookie.secure", b::secure);
        params.enumValue("cookie.same-site", SameSite.class, b::sameSite);
        params.string("cookie.path", b::cookiePath);
        params.string("cookie.domain", b::cookieDomain);
        params.bool("cookie.host-prefix", b::hostPrefix);
        params.bool("cookie.persistent", b::persistentCookie);
        params.duration("timeout.idle", b::idleTimeout);
        params.duration("timeout.absolute", b::absoluteTimeout);
        params.duration("touch.interval", b::touchInterval);
        params.enumValue("save-mode", SaveMode.class, b::saveMode);
        b.allowedTypes(params.list("allowed-types"));
        params.integer("unavailable.status", b::unavailableStatus);
        params.list("listeners").forEach(listener -> b.listener(instantiate(listener)));
        params.string("metrics", v -> b.metrics(metrics(v)));
        return b.build();
    }

    private static SessionStore createStore(InitParams params, Map<String, String> initParams) {
        String name = params.get("store") == null ? "memory" : params.get("store");
        if (name.equals("memory")) {
            InMemorySessionStore.Builder memory = InMemorySessionStore.builder();
            params.integer("memory.max-sessions", memory::maxSessions);
            return memory.build();
        }
        List<String> known = new ArrayList<>(List.of("memory"));
        for (SessionStoreProvider provider : ServiceLoader.load(SessionStoreProvider.class, classLoader())) {
            if (provider.name().equals(name)) {
                return provider.create(initParams);
            }
            known.add(provider.name());
        }
        throw new SessionException("Unknown store '" + name + "': the store init-param must be one of " + known
                + " (a store other than memory needs its module, such as session-store-redis, on the classpath)");
    }

    private static SessionMetrics metrics(String name) {
        if (name.equals("none")) {
            return SessionMetrics.NONE;
        }
        if (!name.equals("micrometer")) {
            throw new SessionException("metrics must be micrometer or none, was '" + name + "'");
        }
        try {
            // Reflection keeps Micrometer optional: this class never links against it.
            Class<?> registry = Class.forName("io.micrometer.core.instrument.MeterRegistry", true, classLoader());
            Object global = Class.forName("io.micrometer.core.instrument.Metrics", true, classLoader())
                    .getField("globalRegistry").get(null);
            return (SessionMetrics) Class.forName("dev.sessionkit.metrics.MicrometerSessionMetrics")
                    .getConstructor(registry).newInstance(global);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SessionException("metrics=micrometer needs io.micrometer:micrometer-core on the classpath", e);
        }
    }

    private static EventListener instantiate(String className) {
        try {
            Object listener = Class.forName(className, true, classLoader()).getDeclaredConstructor().newInstance();
            if (listener instanceof EventListener l) {
                return l;
            }
            throw new SessionException("listeners: " + className + " is not an event listener");
        } catch (ReflectiveOperationException e) {
            throw new SessionException("listeners: cannot create " + className + " (it needs a public no-argument constructor): " + e, e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SessionConfig.class.getClassLoader();
    }

    private static Duration defaultTouchInterval(Duration idle) {
        // Rewriting the access time at most once a minute, and at least four times per idle timeout,
        // keeps an active session alive while most requests write nothing.
        Duration quarter = idle.isZero() ? Duration.ofMinutes(1) : idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
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
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the secret that signs session IDs (the current key). Keep it out of source control.
         *
         * @param secret at least {@value SessionConfig#MIN_SECRET_LENGTH} random characters
         * @return this builder
         */
        public Builder secret(String secret) {
            secrets.add(0, checkSecret("secret", secret));
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
            secrets.add(checkSecret("secret.previous", secret));
            return this;
        }

        /**
         * Signs with a Tink MAC keyset instead of secrets: its primary key signs, the others verify.
         *
         * @param keyset a keyset of MAC keys
         * @return this builder
         */
        public Builder signingKeyset(KeysetHandle keyset) {
            this.signingKeyset = Objects.requireNonNull(keyset, "keyset");
            return this;
        }

        /**
         * @param name the cookie name; {@code SESSION} by default
         * @return this builder
         */
        public Builder cookieName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+\\-^_`|~]+")) {
                throw new SessionException("cookie.name must be a cookie token (letters, digits, - _ and the like), was '" + name + "'");
            }
            this.cookieName = name;
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
            this.sameSite = Objects.requireNonNull(sameSite);
            return this;
        }

        /**
         * @param path the cookie path; the context path by default
         * @return this builder
         */
        public Builder cookiePath(String path) {
            this.cookiePath = path;
            return this;
        }

        /**
         * @param domain the cookie domain; host-only by default
         * @return this builder
         */
        public Builder cookieDomain(String domain) {
            this.cookieDomain = domain;
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
            this.idleTimeout = nonNegative("timeout.idle", idle);
            return this;
        }

        /**
         * @param absolute the most a session lives from creation however active; zero for no cap
         * @return this builder
         */
        public Builder absoluteTimeout(Duration absolute) {
            this.absoluteTimeout = nonNegative("timeout.absolute", absolute);
            return this;
        }

        /**
         * @param interval how old the recorded access must be before a request rewrites it; by default a
         *                 quarter of the idle timeout, at most one minute
         * @return this builder
         */
        public Builder touchInterval(Duration interval) {
            this.touchInterval = nonNegative("touch.interval", interval);
            return this;
        }

        /**
         * @param mode which attributes a request saves
         * @return this builder
         */
        public Builder saveMode(SaveMode mode) {
            this.saveMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * @param types application classes, or packages written {@code "com.example.*"}, whose values the
         *              codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(List<String> types) {
            allowedTypes.addAll(types);
            return this;
        }

        /**
         * @param types classes whose values the codec may store and read back
         * @return this builder
         */
        public Builder allowedTypes(Class<?>... types) {
            for (Class<?> type : types) {
                allowedTypes.add(type.getName());
            }
            return this;
        }

        /**
         * @param status the HTTP status answered when the store is down; 503 by default
         * @return this builder
         */
        public Builder unavailableStatus(int status) {
            if (status < 400 || status > 599) {
                throw new SessionException("unavailable.status must be an HTTP error status (400-599), was " + status);
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
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * @param clock the clock that times sessions; for tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * @param metrics where counts and timings go, for example a {@link
         *                dev.sessionkit.metrics.MicrometerSessionMetrics}; none by default
         * @return this builder
         */
        public Builder metrics(SessionMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * @return the configuration
         * @throws SessionException when no secret or keyset was given, or options contradict each other
         */
        public SessionConfig build() {
            return new SessionConfig(this);
        }

        private static String checkSecret(String key, String secret) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new SessionException(key + " is too short: use at least " + MIN_SECRET_LENGTH
                        + " random characters (openssl rand -base64 48)");
            }
            return secret;
        }

        private static Duration nonNegative(String key, Duration d) {
            if (Objects.requireNonNull(d, key).isNegative()) {
                throw new SessionException(key + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
