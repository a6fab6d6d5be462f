package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates a {@link JdbcSessionStore} for the init-param {@code store=jdbc}. Reads:
 * <ul>
 *   <li>where the database is, exactly one of: {@code jdbc.datasource} (a JNDI name such as
 *       {@code java:comp/env/jdbc/sessions}); {@code jdbc.url} with optional {@code jdbc.user} and
 *       {@code jdbc.password.env} (the name of the environment variable holding the password), from which the
 *       store builds a HikariCP pool of {@code jdbc.pool-size} connections;</li>
 *   <li>{@code jdbc.table-prefix}, {@code jdbc.create-schema} (true or false), {@code jdbc.timeout} and
 *       {@code jdbc.cleanup-interval} (durations such as {@code 2s}), {@code jdbc.max-sessions},
 *       {@code jdbc.max-sessions-per-user}.</li>
 * </ul>
 * A missing or wrong parameter is a {@link SessionException} naming it; an unreachable database or a
 * missing table is one when the filter starts the store.
 */
public final class JdbcSessionStoreProvider implements SessionStoreProvider {

    /** Where the database is, how to reach it, and the tables; the revocation list reads these too. */
    static final Set<String> CONNECTION_PARAMETERS = Set.of("jdbc.datasource", "jdbc.url", "jdbc.user",
            "jdbc.password.env", "jdbc.pool-size", "jdbc.table-prefix", "jdbc.create-schema", "jdbc.timeout");

    private static final Set<String> PARAMETERS = Stream.concat(CONNECTION_PARAMETERS.stream(),
            Stream.of("jdbc.cleanup-interval", "jdbc.max-sessions", "jdbc.max-sessions-per-user"))
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        JdbcSessionStore.Builder builder = connection(params, "store=jdbc");
        params.duration("jdbc.cleanup-interval", builder::cleanupInterval);
        params.integer("jdbc.max-sessions", max -> builder.maxSessions(max));
        params.integer("jdbc.max-sessions-per-user", builder::maxSessionsPerUser);
        return builder.build();
    }

    /**
     * Reads {@link #CONNECTION_PARAMETERS}.
     *
     * @param needer who needs the database, for messages ({@code store=jdbc})
     */
    static JdbcSessionStore.Builder connection(InitParams params, String needer) {
        JdbcSessionStore.Builder builder = JdbcSessionStore.builder();
        String jndi = params.get("jdbc.datasource");
        String url = params.get("jdbc.url");
        if ((jndi == null) == (url == null)) {
            throw new SessionException(needer + " needs exactly one of jdbc.datasource (a JNDI name such as"
                    + " java:comp/env/jdbc/sessions) or jdbc.url; " + (jndi == null ? "neither is set" : "both are set"));
        }
        if (jndi != null) {
            if (params.get("jdbc.user") != null || params.get("jdbc.password.env") != null || params.get("jdbc.pool-size") != null) {
                throw new SessionException("jdbc.user, jdbc.password.env and jdbc.pool-size apply to jdbc.url; with"
                        + " jdbc.datasource the container's DataSource carries them");
            }
            builder.jndi(jndi);
        } else {
            String password = null;
            String passwordEnv = params.get("jdbc.password.env");
            if (passwordEnv != null) {
                password = System.getenv(passwordEnv);
                if (password == null) {
                    throw new SessionException("jdbc.password.env names the environment variable " + passwordEnv
                            + ", which is not set: set it to the database password");
                }
            }
            String chosenPassword = password;
            params.string("jdbc.url", value -> builder.url(value, params.get("jdbc.user"), chosenPassword));
            params.integer("jdbc.pool-size", builder::poolSize);
        }
        params.string("jdbc.table-prefix", builder::tablePrefix);
        params.bool("jdbc.create-schema", builder::createSchema);
        params.duration("jdbc.timeout", builder::timeout);
        return builder;
    }
}
