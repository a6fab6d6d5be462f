package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationListProvider;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link JdbcRevocationList} for {@code cookie-store.revocation=jdbc}, from the same connection
 * init-params as {@code store=jdbc}: {@code jdbc.datasource}, or {@code jdbc.url} with {@code jdbc.user},
 * {@code jdbc.password.env} and {@code jdbc.pool-size}; {@code jdbc.table-prefix}, {@code jdbc.create-schema},
 * {@code jdbc.timeout}.
 */
public final class JdbcRevocationListProvider implements RevocationListProvider {

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public Set<String> parameters() {
        return JdbcSessionStoreProvider.CONNECTION_PARAMETERS;
    }

    /** @throws SessionException naming the init-param that is missing or wrong */
    @Override
    public RevocationList create(Map<String, String> initParams) {
        return new JdbcRevocationList(JdbcSessionStoreProvider.connection(new InitParams(initParams),
                "cookie-store.revocation=jdbc"));
    }
}
