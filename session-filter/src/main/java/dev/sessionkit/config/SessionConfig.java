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

    /** Default of {@link SessionConfigBuilder#maxConcurrentStoreCalls}. */
    public static final int DEFAULT_MAX_CONCURRENT_STORE_CALLS = 128;

    /** Shortest accepted signing secret, in characters; it must also be random enough (see README.md). */
    public static final int MIN_SECRET_LENGTH = SecretStrength.MIN_LENGTH;

    private final Settings s;

    SessionConfig(SessionConfigBuilder b) {
        b.checkConsistent();
        this.s = b.settings.frozen();
        s.checkTransport();
        s.checkLock();
    }

    /**
     * @return a builder with the secure defaults
     */
    public static SessionConfigBuilder builder() {
        return new SessionConfigBuilder();
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
                                               Consumer<SessionConfigBuilder> customizer) {
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
     * @return per-session request ordering's settings, or null when it is off (the default)
     */
    public SessionLock lock() {
        return s.lock;
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
}
