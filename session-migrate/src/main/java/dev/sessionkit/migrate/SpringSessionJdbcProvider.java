package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrate.from=spring-session-jdbc}: Spring Session JDBC's tables, read-only. Init-params (under
 * {@code migrate.from.}):
 * <table>
 *   <caption>Init-params</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code spring-jdbc.url}</td><td>JDBC URL of Spring Session's database</td><td>required</td></tr>
 *   <tr><td>{@code spring-jdbc.user}</td><td>database user</td><td></td></tr>
 *   <tr><td>{@code spring-jdbc.password.env}</td><td>environment variable holding the password</td><td></td></tr>
 *   <tr><td>{@code spring-jdbc.table-name}</td><td>Spring's table name</td><td>{@code SPRING_SESSION}</td></tr>
 *   <tr><td>{@code spring.java-serialization}</td><td>read Spring's Java-serialised attributes</td><td>{@code false}</td></tr>
 *   <tr><td>{@code spring.allowed-classes}</td><td>application classes admitted besides JDK value types</td><td></td></tr>
 *   <tr><td>{@code spring.unmappable}</td><td>{@code drop} or {@code fail}</td><td>{@code drop}</td></tr>
 * </table>
 */
public final class SpringSessionJdbcProvider implements SessionStoreProvider {

    static final String URL = "spring-jdbc.url";
    static final String USER = "spring-jdbc.user";
    static final String PASSWORD_ENV = "spring-jdbc.password.env";
    static final String TABLE = "spring-jdbc.table-name";

    @Override
    public String name() {
        return "spring-session-jdbc";
    }

    @Override
    public Set<String> parameters() {
        Set<String> names = new HashSet<>(Set.of(URL, USER, PASSWORD_ENV, TABLE));
        names.addAll(SpringAttributeParams.NAMES);
        return names;
    }

    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        String url = params.get(URL);
        if (url == null) {
            throw new SessionException("migrate.from=spring-session-jdbc needs migrate.from." + URL
                    + " (the JDBC URL of Spring Session's database)");
        }
        String password = null;
        String variable = params.get(PASSWORD_ENV);
        if (variable != null) {
            password = System.getenv(variable);
            if (password == null) {
                throw new SessionException(PASSWORD_ENV + " names " + variable + ", which is not set: export it to the server's process");
            }
        }
        String table = params.get(TABLE);
        return SpringSessionJdbcStore.of(new UrlDataSource(url, params.get(USER), password),
                table == null ? "SPRING_SESSION" : table, SpringAttributeParams.read(params));
    }
}
