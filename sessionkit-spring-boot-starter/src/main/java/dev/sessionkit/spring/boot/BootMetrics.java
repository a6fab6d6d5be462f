package dev.sessionkit.spring.boot;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.BeanFactory;

/** Publishes to Boot's {@code MeterRegistry}; a class of its own so nothing loads Micrometer when it is absent. */
final class BootMetrics {

    private BootMetrics() {
    }

    static void apply(BeanFactory beans, SessionConfigBuilder builder) {
        MeterRegistry registry = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
        if (registry != null) {
            builder.metrics(new MicrometerSessionMetrics(registry));
        }
    }
}
