package dev.sessionkit.sample.pages;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /metrics}: the session metrics in the Prometheus text format, for a scraper. Open to anyone, as
 * scrape targets on a local demo usually are; a real deployment serves it on a separate port or behind
 * authentication, since counts and latencies tell an outsider about traffic.
 *
 * <p>The registry is the servlet-context attribute {@link #REGISTRY_ATTRIBUTE}, which SampleApp or, in the
 * WAR, {@code MetricsListener} sets. Without it the answer is 404.
 */
public final class MetricsServlet extends HttpServlet {

    /** The servlet-context attribute holding the {@link PrometheusMeterRegistry} to scrape. */
    public static final String REGISTRY_ATTRIBUTE = PrometheusMeterRegistry.class.getName();

    /** The Prometheus text exposition format, version 0.0.4, which every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!(getServletContext().getAttribute(REGISTRY_ATTRIBUTE) instanceof PrometheusMeterRegistry registry)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "Metrics are not enabled in this deployment");
            return;
        }
        response.setContentType(CONTENT_TYPE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(registry.scrape());
    }
}
