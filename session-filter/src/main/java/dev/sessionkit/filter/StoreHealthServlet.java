package dev.sessionkit.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreHealth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opt-in health endpoint for load balancers and Kubernetes probes: each GET runs the session store's
 * {@linkplain SessionStore#health() health check} and answers {@code 200} when the store is reachable,
 * {@code 503} when it is not, with a small JSON body:
 *
 * <pre>{@code
 * {"status":"UP","latencyMillis":0.41,"warnings":[],"details":{"topology":"standalone","version":"7.2.4",...}}
 * }</pre>
 *
 * {@code status} is {@code UP}, {@code DEGRADED} (reachable, with warnings such as Redis expiry events off:
 * still 200, so an instance is not taken out of rotation for it) or {@code DOWN}. The body holds what the
 * store reports (endpoints, versions), never a secret or a password; map the servlet on a path your proxy
 * does not expose to the internet if the topology is private. Responses are never cached.
 *
 * <p>Register it in web.xml (the no-argument constructor uses the store of the application's
 * {@link SessionFilter}, once that has started), or in code with a store:
 *
 * <pre>{@code
 * <servlet><servlet-name>health</servlet-name><servlet-class>dev.sessionkit.filter.StoreHealthServlet</servlet-class></servlet>
 * <servlet-mapping><servlet-name>health</servlet-name><url-pattern>/health</url-pattern></servlet-mapping>
 * }</pre>
 *
 * Each request costs one check (for Redis a PING per master); probes every few seconds are cheap.
 * Thread-safe.
 */
public class StoreHealthServlet extends HttpServlet {

    /** Where a started {@link SessionFilter} leaves its store for this servlet. */
    static final String STORE_ATTRIBUTE = StoreHealthServlet.class.getName() + ".store";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient SessionStore store;

    /** Checks the store of this application's {@link SessionFilter}. */
    public StoreHealthServlet() {
        this.store = null;
    }

    /**
     * Checks a given store, for servers configured in code.
     *
     * @param store the store to check, usually the one given to {@code SessionConfigBuilder.store}
     */
    public StoreHealthServlet(SessionStore store) {
        this.store = java.util.Objects.requireNonNull(store, "store");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StoreHealth health = check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !health.reachable() ? "DOWN" : health.healthy() ? "UP" : "DEGRADED");
        body.put("latencyMillis", health.latency().toNanos() / 1_000_000.0);
        body.put("warnings", health.warnings());
        body.put("details", health.details());
        response.setStatus(health.reachable() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    private StoreHealth check() {
        SessionStore checked = store != null ? store : (SessionStore) getServletContext().getAttribute(STORE_ATTRIBUTE);
        if (checked == null) {
            return new StoreHealth(false, Duration.ZERO, List.of("No SessionFilter has started in this application"
                    + " (it failed to start, or none is registered): see the server log"), Map.of());
        }
        try {
            return checked.health();
        } catch (RuntimeException e) {
            // The SPI says health() never throws; a store that does is reported, not turned into a 500.
            return StoreHealth.down(Duration.ZERO, "The store's health check failed: " + e);
        }
    }
}
