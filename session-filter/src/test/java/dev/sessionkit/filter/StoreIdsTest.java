package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionIds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StoreIdsTest {

    private static SessionConfig config(String secret, String... previous) {
        var builder = SessionConfig.builder().secret(secret).secure(false).store(InMemorySessionStore.builder().build());
        for (String old : previous) {
            builder.previousSecret(old);
        }
        return builder.build();
    }

    @Test
    void aRepeatedIdIsAnsweredFromRecentStoreIdsWithTheValueAFreshHashGives() {
        SessionConfig config = config("store-ids-secret-0123456789abcdefghijkl");
        StoreIds ids = StoreIds.of(config);
        String id = SessionIds.newId();
        String first = ids.storeId(0, id);
        assertSame(first, ids.storeId(0, new String(id.toCharArray())));
        assertEquals(StoreIds.of(config).storeId(0, id), first);
    }

    @Test
    void aRetiredKeyStillHashesWithItsOwnKey() {
        StoreIds ids = StoreIds.of(config("store-ids-secret-0123456789abcdefghijkl", "old-store-ids-secret-0123456789abcdef"));
        String id = SessionIds.newId();
        String current = ids.storeId(0, id);
        assertNotEquals(current, ids.storeId(1, id));
        assertEquals(StoreIds.of(config("old-store-ids-secret-0123456789abcdef")).storeId(0, id), ids.storeId(1, id));
    }
}
