package dev.sessionkit.store.cookie;

import dev.sessionkit.store.StoreArchitecture;
import org.junit.jupiter.api.Test;

class CookieArchitectureTest {

    @Test
    void cookieStoreUsesOnlyTheStoreSpiAndCodecs() {
        StoreArchitecture.check(CookieSessionStore.class);
    }
}
