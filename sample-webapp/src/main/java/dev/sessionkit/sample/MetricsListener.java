package dev.sessionkit.sample;

import dev.sessionkit.sample.pages.MetricsServlet;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import java.util.List;

/**
 * The WAR's metrics, declared in web.xml: creates the Prometheus registry that {@code /metrics} scrapes and
 * adds it to Micrometer's global registry, where the filter publishes with the init-param
 * {@code metrics=micrometer}. Containers start listeners before filters, so the registry is in place when
 * the filter registers its meters. When the application stops, after its filter, the registry and the
 * filter's meters leave the global registry again: that registry outlives the application wherever
 * Micrometer is loaded by a shared class loader, and a meter left there would tie the next deployment's
 * active-sessions gauge to this deployment's closed store.
 *
 * <p>SampleApp does not use this: it hands its own registry to the filter in code.
 */
public final class MetricsListener implements ServletContextListener {

    private static final String SESSIONKIT_METERS = "sessionkit.";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.addRegistry(registry);
        event.getServletContext().setAttribute(MetricsServlet.REGISTRY_ATTRIBUTE, registry);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(MetricsServlet.REGISTRY_ATTRIBUTE)
                instanceof PrometheusMeterRegistry registry) {
            event.getServletContext().removeAttribute(MetricsServlet.REGISTRY_ATTRIBUTE);
            Metrics.removeRegistry(registry);
            registry.close();
            List.copyOf(Metrics.globalRegistry.getMeters()).stream()
                    .filter(meter -> meter.getId().getName().startsWith(SESSIONKIT_METERS))
                    .forEach(Metrics.globalRegistry::remove);
        }
    }
}
