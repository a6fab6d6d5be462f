package dev.sessionkit.spring.boot;

import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.metrics.SessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.BeanFactory;

/** Publishes to Boot's {@code MeterRegistry}; a class of its own so nothing loads Micrometer when it is absent. */
final class BootMetrics {

    private BootMetrics() {
    }

    /**
     * @param beans  where Boot's registry is, when there is one
     * @param option the {@code sessionkit.metrics} property, or null
     * @return metrics on Boot's registry; else on Micrometer's global one when {@code metrics=micrometer}; else none
     */
    static SessionMetrics of(BeanFactory beans, String option) {
        MeterRegistry registry = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
        if (registry != null) {
            return new MicrometerSessionMetrics(registry);
        }
        return "micrometer".equals(option) ? new MicrometerSessionMetrics(Metrics.globalRegistry) : SessionMetrics.NONE;
    }
}
