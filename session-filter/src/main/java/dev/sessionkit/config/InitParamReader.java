package dev.sessionkit.config;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns filter init-params into a {@link SessionConfig}. Everything is checked before the store is
 * created, and the store is closed if anything fails after all, so a failed start leaves no thread or
 * connection behind.
 */
final class InitParamReader {

    private final Map<String, String> raw;
    private final InitParams params;
    private final Function<String, String> env;
    private final Consumer<SessionConfigBuilder> customizer;

    InitParamReader(Map<String, String> raw, Function<String, String> env, Consumer<SessionConfigBuilder> customizer) {
        this.raw = raw;
        this.params = new InitParams(raw);
        this.env = env;
        this.customizer = customizer;
    }

    SessionConfig read() {
        StoreProviders providers = StoreProviders.load(Plugins.classLoader());
        SessionStoreProvider provider = providers.named(params.get("store"));
        KnownParams.check(MigrationParams.own(raw).keySet(), provider, providers.all());
        SessionStoreProvider oldProvider = MigrationParams.oldProvider(raw, providers);

        SessionConfigBuilder b = SessionConfig.builder();
        b.secret(secret());
        params.list("secret.previous").forEach(b::previousSecret);
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
        params.bool("save-empty-sessions", b::saveEmptySessions);
        params.integer("store.max-concurrent-calls", b::maxConcurrentStoreCalls);
        params.bool("store.check-on-start", b::checkOnStart);
        params.enumValue("session.transport", Transport.class, b::transport);
        params.string("session.header-name", b::headerName);
        b.allowedTypes(params.list("allowed-types"));
        params.list("codec.extensions").forEach(extension -> b.codecExtension(Plugins.codecExtension(extension)));
        params.integer("unavailable.status", b::unavailableStatus);
        params.list("listeners").forEach(listener -> b.listener(Plugins.listener(listener)));
        params.string("metrics", v -> b.metrics(Plugins.metrics(v)));
        params.bool("store.hash-ids", b::hashStoreIds);
        KeysetHandle atRest = AtRestKeyset.fromInitParams(params, env);
        if (atRest != null) {
            b.encryptAttributes(atRest);
        }
        SessionLock lock = LockParams.read(params);
        if (lock != null) {
            b.lock(lock);
        }
        params.bool("csrf.check", b::csrfCheck);
        b.csrfExemptPaths(params.list("csrf.exempt-paths"));
        b.csrfTrustedOrigins(params.list("csrf.trusted-origins"));
        b.checkConsistent();
        customizer.accept(b);
        if (b.hasStore()) {
            return b.build();
        }

        SessionStore store = provider.create(raw);
        SessionStore oldStore = null;
        try {
            if (oldProvider != null) {
                oldStore = oldProvider.create(MigrationParams.oldParams(raw));
                b.migrateFrom(oldStore);
            }
            return b.store(store).build();
        } catch (RuntimeException e) {
            closeAfterFailure(store, e);
            if (oldStore != null) {
                closeAfterFailure(oldStore, e);
            }
            throw e;
        }
    }

    private static void closeAfterFailure(SessionStore store, RuntimeException failure) {
        try {
            store.close();
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }

    private String secret() {
        String secret = params.get("secret");
        String variable = params.get("secret.env");
        if (secret != null && variable != null) {
            throw new SessionException("Both secret and secret.env are set: set only one of them"
                    + " (secret.env, the name of an environment variable, keeps the secret out of web.xml)");
        }
        if (variable != null) {
            secret = env.apply(variable);
            if (secret == null || secret.isBlank()) {
                throw new SessionException("secret.env names the environment variable " + variable
                        + ", which is not set: export it to the server's process (Tomcat: add 'export " + variable
                        + "=...' to bin/setenv.sh; Jetty: set it in the environment of the command that starts Jetty)");
            }
        }
        if (secret == null) {
            throw new SessionException(SecretStrength.NO_SECRET);
        }
        return secret;
    }
}
