package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import dev.sessionkit.store.StoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code store=jdbc} from init-params: every wrong setting named, and embedded H2 keeping sessions across restarts. */
class JdbcSessionStoreProviderTest {

    private final JdbcSessionStoreProvider provider = new JdbcSessionStoreProvider();

    @Test
    void theProviderIsFoundByName() {
        assertTrue(ServiceLoader.load(SessionStoreProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("jdbc") && p.get() instanceof JdbcSessionStoreProvider));
    }

    @Test
    void theFilterKnowsEveryJdbcInitParamAndNamesTheOneAMisspellingMeant() {
        Map<String, String> params = new HashMap<>(Map.of("secret", "jdbc-provider-secret-0123456789abcdefghij",
                "store", "jdbc", "jdbc.url", "jdbc:h2:mem:known", "jdbc.user", "sa", "jdbc.pool-size", "2",
                "jdbc.table-prefix", "known_", "jdbc.create-schema", "true", "jdbc.timeout", "2s"));
        params.putAll(Map.of("jdbc.cleanup-interval", "1m", "jdbc.max-sessions", "10", "jdbc.max-sessions-per-user", "3"));
        SessionConfig.fromInitParams(params, name -> null).store().close();

        params.put("jdbc.pool-sise", "4");
        SessionException e = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
        assertTrue(e.getMessage().contains("did you mean jdbc.pool-size?"), e.getMessage());
    }

    @Test
    void exactlyOneDatabaseSettingIsRequired() {
        assertMessage(Map.of(), "needs exactly one of jdbc.datasource");
        assertMessage(Map.of(), "neither is set");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.datasource", "java:comp/env/jdbc/s"), "both are set");
        assertMessage(Map.of("jdbc.datasource", "java:comp/env/jdbc/s", "jdbc.user", "app"), "jdbc.user, jdbc.password.env and jdbc.pool-size apply to jdbc.url");
        assertMessage(Map.of("jdbc.url", "postgresql://db/app"), "jdbc.url: must be a JDBC URL starting with jdbc:");
    }

    @Test
    void wrongValuesAreNamed() {
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.password.env", "SESSIONKIT_NO_SUCH_VARIABLE"),
                "jdbc.password.env names the environment variable SESSIONKIT_NO_SUCH_VARIABLE, which is not set");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.table-prefix", "Bad-Prefix"), "jdbc.table-prefix: a table prefix is");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.timeout", "soon"), "jdbc.timeout must be a duration");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.timeout", "0"), "jdbc.timeout: must be positive");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.pool-size", "0"), "jdbc.pool-size: must be positive");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.max-sessions", "-1"), "jdbc.max-sessions: must be 0");
        assertMessage(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.create-schema", "maybe"), "jdbc.create-schema must be true or false");
    }

    @Test
    void aJndiNameBoundToNothingFailsStartNamingTheSetting() {
        SessionStore store = provider.create(Map.of("jdbc.datasource", "java:comp/env/jdbc/missing"));

        SessionException e = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));

        assertTrue(e.getMessage().startsWith("jdbc.datasource: nothing is bound at 'java:comp/env/jdbc/missing'"), e.getMessage());
    }

    @Test
    void embeddedH2KeepsSessionsAcrossARestart(@TempDir Path dir) {
        // No DB_CLOSE_DELAY: H2 closes the file when the first store's pool closes, as at a server restart.
        Map<String, String> params = Map.of("jdbc.url", "jdbc:h2:file:" + dir.resolve("sessions").toAbsolutePath(), "jdbc.user", "sa", "jdbc.create-schema", "true",
                "jdbc.table-prefix", "restart_", "jdbc.pool-size", "2");
        SessionData session = new SessionData(SessionIds.newId(), System.currentTimeMillis(), System.currentTimeMillis(),
                1800, "alice", Map.of("cart", "[\"book\"]".getBytes()));
        SessionStore first = provider.create(params);
        first.start(StoreContext.NONE);
        try {
            assertEquals(session.id(), first.save(session, new SessionChanges(true, Set.of("cart"), Set.of(), false)));
        } finally {
            first.close();
        }

        SessionStore second = provider.create(params);
        second.start(StoreContext.NONE);
        try {
            SessionData loaded = second.load(session.id(), System.currentTimeMillis(), 60_000).live();
            assertNotNull(loaded, "the session outlived the store and its pool");
            assertEquals("alice", loaded.principal());
            assertInstanceOf(JdbcSessionStore.class, second);
        } finally {
            second.close();
        }
    }

    private void assertMessage(Map<String, String> params, String expected) {
        SessionException e = assertThrows(SessionException.class, () -> provider.create(params));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
