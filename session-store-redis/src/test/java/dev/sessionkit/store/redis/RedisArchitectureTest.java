package dev.sessionkit.store.redis;

import dev.sessionkit.store.StoreArchitecture;
import org.junit.jupiter.api.Test;

class RedisArchitectureTest {

    @Test
    void redisStoreUsesOnlyTheStoreSpiAndCodecs() {
        StoreArchitecture.check(RedisSessionStore.class);
    }
}
