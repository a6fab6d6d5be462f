package dev.sessionkit.metrics;

import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.MigratingSessionStore;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A migration window publishes how many sessions moved and how many are left in the old store. */
class MigrationMetricsTest {

    @Test
    void migratedCountsMovesAndOldStoreCountsWhatIsLeft() {
        SessionStore old = InMemorySessionStore.builder().build();
        long now = System.currentTimeMillis();
        SessionData first = new SessionData(SessionIds.newId(), now, now, 1800, null, Map.of());
        SessionData second = new SessionData(SessionIds.newId(), now, now, 1800, null, Map.of());
        for (SessionData session : new SessionData[] {first, second}) {
            old.save(session, new SessionChanges(true, Set.of(), Set.of(), true));
        }
        MigratingSessionStore window = MigratingSessionStore.between(InMemorySessionStore.builder().build(), old);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MicrometerSessionMetrics(registry).bind(window);

        window.load(first.id(), now, 60_000);

        assertEquals(1.0, registry.get("sessionkit.sessions.migrated").functionCounter().count());
        assertEquals(1.0, registry.get("sessionkit.sessions.old-store").gauge().value());
    }
}
