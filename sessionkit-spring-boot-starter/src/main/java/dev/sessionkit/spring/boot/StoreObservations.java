package dev.sessionkit.spring.boot;

import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.function.Supplier;

/**
 * Runs each store call inside a Micrometer {@link Observation} named {@value #NAME}, on Boot's
 * {@code ObservationRegistry}: with tracing, a span under the request's; with Boot's meter handler, a timer.
 * Its key values are low-cardinality only: {@code store} (the {@code sessionkit.store} property),
 * {@code operation} ({@code load}, {@code save}, {@code delete}, {@code rotate}, {@code admin.*}) and
 * {@code outcome} ({@code ok}, {@code unavailable}, {@code error}); never a session ID. Everything else goes to
 * the metrics it wraps.
 */
final class StoreObservations implements SessionMetrics {

    static final String NAME = "sessionkit.store";

    private final SessionMetrics metrics;
    private final ObservationRegistry registry;
    private final String store;

    StoreObservations(SessionMetrics metrics, ObservationRegistry registry, String store) {
        this.metrics = metrics;
        this.registry = registry;
        this.store = store;
    }

    @Override
    public <T> T aroundStoreCall(String operation, Supplier<T> call) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("sessionkit " + operation)
                .lowCardinalityKeyValue("store", store)
                .lowCardinalityKeyValue("operation", operation)
                .start();
        String outcome = "error";
        try {
            T result = observation.scoped(() -> metrics.aroundStoreCall(operation, call));
            outcome = "ok";
            return result;
        } catch (SessionStoreUnavailableException e) {
            outcome = "unavailable";
            observation.error(e);
            throw e;
        } catch (RuntimeException | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    @Override
    public void created() {
        metrics.created();
    }

    @Override
    public void loaded() {
        metrics.loaded();
    }

    @Override
    public void rotated() {
        metrics.rotated();
    }

    @Override
    public void invalidated() {
        metrics.invalidated();
    }

    @Override
    public void expired() {
        metrics.expired();
    }

    @Override
    public void rejected(Rejection reason) {
        metrics.rejected(reason);
    }

    @Override
    public void storeCall(String operation, long nanos, boolean unavailable) {
        metrics.storeCall(operation, nanos, unavailable);
    }

    @Override
    public void stored(int bytes) {
        metrics.stored(bytes);
    }

    @Override
    public void bind(SessionStore store) {
        metrics.bind(store);
    }
}
