package dev.sessionkit.migrate;

import dev.sessionkit.store.StoreArchitecture;
import org.junit.jupiter.api.Test;

class MigrateArchitectureTest {

    @Test
    void importersUseOnlyTheStoreSpiAndCodecs() {
        StoreArchitecture.check(SpringSessionJdbcStore.class);
        StoreArchitecture.check(SpringSessionRedisStore.class);
    }
}
