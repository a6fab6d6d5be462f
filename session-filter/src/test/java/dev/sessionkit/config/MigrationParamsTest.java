package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.MigratingSessionStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code migrate.from} and the old store's {@code migrate.from.*} init-params. */
class MigrationParamsTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static SessionConfig config(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("secret", SECRET));
        params.putAll(extra);
        return SessionConfig.fromInitParams(params, name -> null);
    }

    private static String failure(Map<String, String> extra) {
        return assertThrows(SessionException.class, () -> config(extra)).getMessage();
    }

    @Test
    void migrateFromOpensAWindowWithTheOldStoresOwnParams() {
        SessionConfig config = config(Map.of("migrate.from", "memory", "migrate.from.memory.max-sessions", "10"));
        try {
            assertInstanceOf(MigratingSessionStore.class, config.store());
        } finally {
            config.store().close();
        }
    }

    @Test
    void aMisspelledOldStoreParamFailsWithTheNameItMeant() {
        String message = failure(Map.of("migrate.from", "memory", "migrate.from.memory.max-sesions", "10"));
        assertTrue(message.contains("did you mean migrate.from.memory.max-sessions?"), message);
    }

    @Test
    void oldStoreParamsWithoutMigrateFromSayToSetIt() {
        String message = failure(Map.of("migrate.from.memory.max-sessions", "10"));
        assertTrue(message.contains("migrate.from is not set"), message);
    }

    @Test
    void anUnknownOldStoreListsTheStores() {
        String message = failure(Map.of("migrate.from", "mongo"));
        assertTrue(message.contains("Unknown store 'mongo'"), message);
    }

    @Test
    void aMisspelledMigrateFromIsCaught() {
        String message = failure(Map.of("migrate.form", "memory"));
        assertTrue(message.contains("did you mean migrate.from?"), message);
    }
}
