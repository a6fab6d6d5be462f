package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.StoreArchitecture;
import org.junit.jupiter.api.Test;

class JdbcArchitectureTest {

    @Test
    void jdbcStoreUsesOnlyTheStoreSpiAndCodecs() {
        StoreArchitecture.check(JdbcSessionStore.class);
    }
}
