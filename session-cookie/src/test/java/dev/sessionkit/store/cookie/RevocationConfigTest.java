package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Turning revocation on by init-params, and the configurations that fail at start with a message. */
class RevocationConfigTest {

    private final String keyset = Keysets.toJson(CookieKeys.generate(CookieAead.AES256_GCM));
    private final CookieSessionStoreProvider provider = new CookieSessionStoreProvider(name -> keyset);

    @Test
    void revocationIsOffByDefaultAndOnWithMemory() {
        try (CookieSessionStore off = create(Map.of()); CookieSessionStore memory = create(Map.of("cookie-store.revocation", "memory"))) {
            assertFalse(off.admin().isPresent());
            assertTrue(memory.admin().isPresent());
        }
    }

    @Test
    void theProviderKnowsTheRevocationParamsAndThoseOfEveryListOnTheClassPath() {
        assertTrue(provider.parameters().containsAll(Set.of("cookie-store.revocation", "cookie-store.revocation.cache",
                "redis.uri", "redis.prefix", "jdbc.url", "jdbc.table-prefix")), provider.parameters().toString());
        assertFalse(provider.parameters().contains("redis.max-sessions"), "a store's own settings are not the list's");
    }

    @Test
    void anUnknownListIsNamedWithTheChoices() {
        SessionException e = assertThrows(SessionException.class, () -> create(Map.of("cookie-store.revocation", "mongo")));
        assertTrue(e.getMessage().contains("cookie-store.revocation must be one of [jdbc, memory, off, redis]"), e.getMessage());
    }

    @Test
    void anotherListsParamIsRefusedSayingWhatToSet() {
        SessionException e = assertThrows(SessionException.class,
                () -> create(Map.of("cookie-store.revocation", "memory", "redis.uri", "redis://127.0.0.1:6379")));
        assertTrue(e.getMessage().contains("set cookie-store.revocation=redis or remove redis.uri"), e.getMessage());
    }

    @Test
    void aCacheWithoutRevocationIsRefused() {
        SessionException e = assertThrows(SessionException.class, () -> create(Map.of("cookie-store.revocation.cache", "1s")));
        assertTrue(e.getMessage().contains("set cookie-store.revocation too"), e.getMessage());
    }

    @Test
    void aCacheOverAMinuteIsRefused() {
        SessionException e = assertThrows(SessionException.class,
                () -> create(Map.of("cookie-store.revocation", "memory", "cookie-store.revocation.cache", "2m")));
        assertTrue(e.getMessage().contains("cookie-store.revocation.cache must be between 0 and 1m"), e.getMessage());
    }

    @Test
    void revocationWithoutAnAbsoluteTimeoutFailsAtStart() {
        try (CookieSessionStore store = create(Map.of("cookie-store.revocation", "memory"))) {
            SessionException e = assertThrows(SessionException.class, () -> store.start(StoreContext.NONE));
            assertTrue(e.getMessage().contains("set timeout.absolute"), e.getMessage());
        }
    }

    @Test
    void revokingBeforeStartFailsRatherThanKeepAnEntryForNoTime() {
        try (CookieSessionStore store = create(Map.of("cookie-store.revocation", "memory"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> store.delete(SessionIds.newId(), System.currentTimeMillis()));
            assertTrue(e.getMessage().contains("not started"), e.getMessage());
        }
    }

    @Test
    void theCacheParamPutsACacheBeforeTheList() {
        CookieSessionStoreBuilder cached = CookieSessionStore.builder();
        CookieSessionStoreBuilder uncached = CookieSessionStore.builder();

        RevocationLists.configure(Map.of("cookie-store.revocation", "memory", "cookie-store.revocation.cache", "1s"), cached);
        RevocationLists.configure(Map.of("cookie-store.revocation", "memory"), uncached);

        assertTrue(cached.revocationList().list() instanceof CachedRevocationList);
        assertTrue(uncached.revocationList().list() instanceof InMemoryRevocationList);
    }

    @Test
    void theStartLineNamesTheListAndItsCache() {
        try (CookieSessionStore off = create(Map.of());
             CookieSessionStore cached = create(Map.of("cookie-store.revocation", "memory", "cookie-store.revocation.cache", "1s"))) {
            assertEquals("CookieSessionStore", off.toString());
            assertEquals("CookieSessionStore[revocation=InMemoryRevocationList[capacity=100000] (lookups cached 1000 ms)]",
                    cached.toString());
        }
    }

    private CookieSessionStore create(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("cookie-store.keyset-env", "KEYS", "cookie-store.cleartext-keyset", "true"));
        params.putAll(extra);
        return (CookieSessionStore) provider.create(params);
    }
}
