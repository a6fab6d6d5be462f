package dev.sessionkit.spring.boot;

import dev.sessionkit.metrics.SessionMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;

/** Boot's {@code ObservationRegistry}, when there is one; a class of its own so nothing loads Micrometer when it is absent. */
final class BootObservations {

    private BootObservations() {
    }

    /**
     * @param beans   where Boot's registry is, when there is one
     * @param metrics the metrics the observations wrap
     * @param store   the {@code sessionkit.store} property's value
     * @return the metrics, their store calls observed when the application has an {@code ObservationRegistry}
     */
    static SessionMetrics around(BeanFactory beans, SessionMetrics metrics, String store) {
        ObservationRegistry registry = beans.getBeanProvider(ObservationRegistry.class).getIfAvailable();
        return registry == null ? metrics : new StoreObservations(metrics, registry, store);
    }
}
