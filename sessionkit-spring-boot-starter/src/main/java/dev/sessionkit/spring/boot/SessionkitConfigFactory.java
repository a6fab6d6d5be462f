package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.spring.security.SpringSecurityCodec;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.jdbc.JdbcSessionStore;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link SessionConfig} from the {@code sessionkit.*} properties: each property is the filter
 * init-param of the same name ({@code sessionkit.cookie.same-site} is {@code cookie.same-site}), read and
 * checked by sessionkit itself, so a misspelled property fails start as a misspelled init-param does. On top
 * of the init-params: Spring Security's session objects are allowed when Spring Security is present, Boot's
 * {@code MeterRegistry} gets the metrics and its {@code ObservationRegistry} an observation of each store call,
 * and {@code store=jdbc} without a URL uses Boot's {@code DataSource}.
 */
final class SessionkitConfigFactory {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");

    private SessionkitConfigFactory() {
    }

    static Map<String, String> initParams(Environment environment) {
        return new TreeMap<>(Binder.get(environment)
                .bind("sessionkit", Bindable.mapOf(String.class, String.class)).orElseGet(Map::of));
    }

    static SessionConfig create(Environment environment, BeanFactory beans, ClassLoader loader) {
        Map<String, String> params = initParams(environment);
        if (!params.containsKey("secret") && !params.containsKey("secret.env")) {
            throw new SessionkitStartupException("sessionkit.secret", "sessionkit has no secret to sign session IDs"
                    + " with: the property sessionkit.secret is not set (nor sessionkit.secret.env, the name of an"
                    + " environment variable holding it).",
                    "Set sessionkit.secret to at least 32 random characters, best through the environment variable"
                            + " SESSIONKIT_SECRET so it stays out of source control. Generate one with: openssl rand -base64 48",
                    null);
        }
        if ("redis".equals(params.get("store"))) {
            JedisVersionCheck.check(loader);
        }
        try {
            return SessionConfig.fromInitParams(params, System::getenv, builder -> {
                if (ClassUtils.isPresent("org.springframework.security.jackson2.SecurityJackson2Modules", loader)) {
                    builder.codecExtension(new SpringSecurityCodec());
                }
                if (!"none".equals(params.get("metrics"))) {
                    metrics(params, beans, loader).ifPresent(builder::metrics);
                }
                if ("jdbc".equals(params.get("store")) && !params.containsKey("jdbc.url")
                        && !params.containsKey("jdbc.datasource")) {
                    builder.store(jdbcStore(params, beans));
                }
            });
        } catch (SessionException e) {
            String property = "sessionkit." + mentionedParam(e.getMessage(), params);
            throw new SessionkitStartupException(property, "sessionkit's configuration is wrong: "
                    + e.getMessage().replace("init-param", "property") + ".",
                    "Fix the property " + property + " (each sessionkit.* property is the filter init-param of the same"
                            + " name; see the README's configuration table).", e);
        }
    }

    /** Boot's MeterRegistry and ObservationRegistry, whichever the application has; empty when neither. */
    private static Optional<SessionMetrics> metrics(Map<String, String> params, BeanFactory beans, ClassLoader loader) {
        SessionMetrics metrics = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", loader)
                ? BootMetrics.of(beans, params.get("metrics")) : SessionMetrics.NONE;
        if (ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry", loader)) {
            metrics = BootObservations.around(beans, metrics, params.getOrDefault("store", "memory"));
        }
        return metrics == SessionMetrics.NONE ? Optional.empty() : Optional.of(metrics);
    }

    private static JdbcSessionStore jdbcStore(Map<String, String> params, BeanFactory beans) {
        DataSource dataSource = beans.getBeanProvider(DataSource.class).getIfAvailable();
        if (dataSource == null) {
            throw new SessionException("store=jdbc needs a database: set jdbc.url, or let Spring Boot configure a"
                    + " DataSource (spring.datasource.url)");
        }
        for (String urlOnly : new String[]{"jdbc.user", "jdbc.password.env", "jdbc.pool-size"}) {
            if (params.containsKey(urlOnly)) {
                throw new SessionException(urlOnly + " applies to jdbc.url; with Spring Boot's DataSource set"
                        + " spring.datasource.* instead");
            }
        }
        JdbcSessionStore.Builder store = JdbcSessionStore.builder().dataSource(dataSource);
        InitParams p = new InitParams(params);
        p.string("jdbc.table-prefix", store::tablePrefix);
        p.bool("jdbc.create-schema", store::createSchema);
        p.duration("jdbc.timeout", store::timeout);
        p.duration("jdbc.cleanup-interval", store::cleanupInterval);
        p.integer("jdbc.max-sessions", max -> store.maxSessions(max));
        p.integer("jdbc.max-sessions-per-user", store::maxSessionsPerUser);
        return store.build();
    }

    /** The init-param a message is about: the first word of it that is one of the given parameters. */
    static String mentionedParam(String message, Map<String, String> params) {
        Matcher words = WORD.matcher(message);
        while (words.find()) {
            if (params.containsKey(words.group())) {
                return words.group();
            }
        }
        return "store";
    }
}
