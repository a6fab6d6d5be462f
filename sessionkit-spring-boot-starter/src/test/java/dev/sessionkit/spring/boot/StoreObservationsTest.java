package dev.sessionkit.spring.boot;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoreObservationsTest {

    private final List<Observation.Context> stopped = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final SessionMetrics metrics = new SessionMetrics() {
        @Override
        public void created() {
            counted.add("created");
        }

        @Override
        public void loaded() {
            counted.add("loaded");
        }

        @Override
        public void rotated() {
            counted.add("rotated");
        }

        @Override
        public void invalidated() {
            counted.add("invalidated");
        }

        @Override
        public void expired() {
            counted.add("expired");
        }

        @Override
        public void rejected(Rejection reason) {
            counted.add("rejected " + reason);
        }

        @Override
        public void storeCall(String operation, long nanos, boolean unavailable) {
            counted.add("storeCall " + operation + " " + nanos + " " + unavailable);
        }

        @Override
        public void stored(int bytes) {
            counted.add("stored " + bytes);
        }

        @Override
        public void bind(SessionStore store) {
            counted.add("bind " + store.getClass().getSimpleName());
        }
    };
    private final StoreObservations observations = new StoreObservations(metrics, registry, "redis");

    StoreObservationsTest() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    private Map<String, String> keys(Observation.Context context) {
        Map<String, String> keys = new HashMap<>();
        for (KeyValue kv : context.getLowCardinalityKeyValues()) {
            keys.put(kv.getKey(), kv.getValue());
        }
        return keys;
    }

    @Test
    void aCallIsOneObservationWithTheStoreTheOperationAndOk() {
        assertEquals("result", observations.aroundStoreCall("load", () -> "result"));

        assertEquals(1, stopped.size());
        assertEquals("sessionkit.store", stopped.get(0).getName());
        assertEquals("sessionkit load", stopped.get(0).getContextualName());
        assertEquals(Map.of("store", "redis", "operation", "load", "outcome", "ok"), keys(stopped.get(0)));
    }

    @Test
    void anUnreachableStoreIsObservedAsUnavailableWithTheErrorAndRethrown() {
        SessionStoreUnavailableException down = new SessionStoreUnavailableException("down", null);

        assertSame(down, assertThrows(SessionStoreUnavailableException.class,
                () -> observations.aroundStoreCall("save", () -> {
                    throw down;
                })));
        assertEquals("unavailable", keys(stopped.get(0)).get("outcome"));
        assertSame(down, stopped.get(0).getError());
    }

    @Test
    void anyOtherFailureIsObservedAsErrorAndRethrown() {
        IllegalStateException broken = new IllegalStateException("broken");

        assertSame(broken, assertThrows(IllegalStateException.class,
                () -> observations.aroundStoreCall("rotate", () -> {
                    throw broken;
                })));
        assertEquals("error", keys(stopped.get(0)).get("outcome"));
        assertSame(broken, stopped.get(0).getError());
    }

    @Test
    void everyCountAndTimingStillReachesTheWrappedMetrics() {
        observations.created();
        observations.loaded();
        observations.rotated();
        observations.invalidated();
        observations.expired();
        observations.rejected(SessionMetrics.Rejection.UNKNOWN_ID);
        observations.storeCall("load", 42, true);
        observations.stored(7);
        try (InMemorySessionStore store = InMemorySessionStore.builder().build()) {
            observations.bind(store);
        }

        assertEquals(List.of("created", "loaded", "rotated", "invalidated", "expired", "rejected UNKNOWN_ID",
                "storeCall load 42 true", "stored 7", "bind InMemorySessionStore"), counted);
    }
}
