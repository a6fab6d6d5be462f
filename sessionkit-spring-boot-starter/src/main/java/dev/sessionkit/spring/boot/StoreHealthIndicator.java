package dev.sessionkit.spring.boot;

import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Actuator's {@code sessionkit} health entry on Spring Boot 3.5: {@link SessionStore#health()} as up or down. */
final class StoreHealthIndicator implements HealthIndicator {

    private final SessionStore store;

    StoreHealthIndicator(SessionStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        StoreHealth health = store.health();
        Health.Builder builder = health.reachable() ? Health.up() : Health.down();
        builder.withDetail("store", store.getClass().getSimpleName())
                .withDetail("latencyMillis", health.latency().toMillis());
        if (!health.warnings().isEmpty()) {
            builder.withDetail("warnings", health.warnings());
        }
        health.details().forEach(builder::withDetail);
        return builder.build();
    }
}
