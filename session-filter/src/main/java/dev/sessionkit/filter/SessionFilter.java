package dev.sessionkit.filter;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreHealth;
import dev.sessionkit.store.StoreContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives every request a distributed, signed session: {@code request.getSession()} returns a
 * {@link dev.sessionkit.Session} kept in the configured store.
 *
 * <p>Register it first in the chain, three ways: in web.xml with init-params (see
 * {@link SessionConfig#fromInitParams}), as a {@code @WebFilter} subclass carrying init-params, or
 * programmatically with {@code new SessionFilter(config)}. Bad configuration fails {@link #init} with a
 * message naming the parameter.
 *
 * <p>Per request: the cookie is read and the session loaded only when the application asks for it;
 * changes are saved, and the cookie written, just before the response commits (first byte, redirect,
 * error, flush) and again when the request ends for changes made after that. Async requests save when
 * they complete. When the store is unreachable the request is answered with 503 (configurable) and the
 * cause logged. Thread-safe.
 */
public class SessionFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());
    private static final String STATE = RequestSessions.class.getName();
    private static final long WARN_EVERY_MILLIS = 10_000;

    /** Filters started in this class loader (one web application), for WebSocket handshakes. */
    private static final List<SessionRuntime> STARTED = new CopyOnWriteArrayList<>();

    private final SessionConfig programmatic;
    private final AtomicLong lastUnavailableWarning = new AtomicLong();
    private volatile SessionRuntime runtime;
    private volatile CsrfGuard csrf;
    private volatile ServletContext context;

    /** For web.xml and {@code @WebFilter}: configured from init-params at {@link #init}. */
    public SessionFilter() {
        this.programmatic = null;
    }

    /**
     * For embedded servers: configured in code.
     *
     * @param config the configuration
     */
    public SessionFilter(SessionConfig config) {
        this.programmatic = config;
    }

    /**
     * Reads the configuration, starts the store and logs the effective configuration. When anything
     * fails the store is closed again, so a failed start leaves no thread or connection behind.
     *
     * @throws SessionException when the init-params are missing or wrong; the message names the parameter
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        SessionConfig config = programmatic != null ? programmatic
                : SessionConfig.fromInitParams(initParams(filterConfig), System::getenv);
        try {
            SessionRuntime shared = SessionRuntime.of(config, filterConfig.getServletContext(),
                    discoveredListeners(filterConfig.getServletContext()));
            shared.store().start(new StoreContext(config.absoluteTimeout(), id -> Expiry.expired(shared, id)));
            this.csrf = CsrfGuard.of(config);
            if (config.checkOnStart()) {
                checkReachable(config.store());
            }
            this.runtime = shared;
            STARTED.add(shared);
            this.context = filterConfig.getServletContext();
            context.setAttribute(StoreHealthServlet.STORE_ATTRIBUTE, config.store());
        } catch (RuntimeException e) {
            close(config, e);
            throw e;
        } catch (ServletException e) {
            close(config, new SessionException(e.getMessage()));
            throw e;
        }
        LOG.log(Level.INFO, "sessionkit started: {0}", config);
        if (!config.secure()) {
            LOG.log(Level.WARNING, "cookie.secure=false: the session cookie travels over plain HTTP too, where anyone"
                    + " on the network can copy it and take over the session. Use it for local development only.");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || req.getAttribute(STATE) != null) {
            chain.doFilter(req, res);
            return;
        }
        SessionRuntime shared = runtime;
        RequestSessions sessions = new RequestSessions(shared, request, response);
        SessionResponse wrappedResponse = new SessionResponse(response, sessions);
        SessionRequest wrappedRequest = new SessionRequest(request, wrappedResponse, sessions);
        request.setAttribute(STATE, sessions);
        RequestLock lock = RequestLock.of(shared);
        boolean releasedOnComplete = false;
        try {
            if (lock != null && !lock.acquire(shared, request)) {
                busy(request, response, lock.busyStatus());
                return;
            }
            String refusal = csrf == null ? null : csrf.refusal(request, sessions);
            if (refusal != null) {
                forbidden(request, response, refusal);
                return;
            }
            chain.doFilter(wrappedRequest, wrappedResponse);
            if (wrappedRequest.isAsyncStarted()) {
                wrappedRequest.getAsyncContext().addListener(new CommitOnComplete(sessions, lock));
                releasedOnComplete = true;
            } else {
                sessions.finish();
            }
        } catch (IOException | ServletException | RuntimeException e) {
            SessionStoreUnavailableException unavailable = unavailableCause(e);
            if (unavailable == null) {
                throw e;
            }
            unavailable(response, unavailable);
        } finally {
            if (lock != null && !releasedOnComplete) {
                lock.release();
            }
        }
    }

    /**
     * The session listeners session-filter's ServletContainerInitializer found or, when the container ran
     * none (Jetty without ee10-annotations), those web.xml declares, read here.
     */
    private static Object discoveredListeners(ServletContext context) throws ServletException {
        Object discovered = context.getAttribute(ListenerDiscovery.ATTRIBUTE);
        if (discovered != null) {
            return discovered;
        }
        List<java.util.EventListener> fromWebXml = ListenerDiscovery.fromWebXml(context);
        if (fromWebXml.isEmpty()) {
            return fromWebXml; // a filter registered in code, or no listeners: nothing to say
        }
        LOG.log(Level.INFO, "The container ran no ServletContainerInitializer (on Jetty: no ee10-annotations module),"
                + " so @WebListener classes are not seen; {0} session listener(s) declared in web.xml are called",
                fromWebXml.size());
        return fromWebXml;
    }

    private static void checkReachable(SessionStore store) {
        StoreHealth health = store.health();
        if (!health.reachable()) {
            throw new SessionException("store.check-on-start=true, and the session store cannot be reached: "
                    + String.join("; ", health.warnings()) + ". Start it or correct its address; or set"
                    + " store.check-on-start=false to start anyway and answer 503 until it is back.");
        }
    }

    /** Closes the store, even when it has been unreachable since start. */
    @Override
    public void destroy() {
        SessionRuntime current = runtime;
        runtime = null;
        if (current != null) {
            STARTED.remove(current);
            if (context.getAttribute(StoreHealthServlet.STORE_ATTRIBUTE) == current.config().store()) {
                context.removeAttribute(StoreHealthServlet.STORE_ATTRIBUTE);
            }
            close(current.config(), null);
        }
    }

    private static void close(SessionConfig config, RuntimeException failure) {
        try {
            // The configured store, not the runtime's metered wrapper: closing must not depend on metrics.
            config.store().close();
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.log(Level.WARNING, "Closing the session store failed", e);
            }
        }
    }

    /** @return the runtime of the first filter started in this web application, for WebSocket handshakes */
    static SessionRuntime startedRuntime() {
        if (STARTED.isEmpty()) {
            throw new IllegalStateException("No SessionFilter has started in this web application, so a WebSocket"
                    + " handshake cannot find its session: register the filter (web.xml, @WebFilter or in code)"
                    + " and check the log for why it failed to start");
        }
        return STARTED.get(0);
    }

    static RequestSessions state(ServletRequest request) {
        return (RequestSessions) request.getAttribute(STATE);
    }

    private void unavailable(HttpServletResponse response, SessionStoreUnavailableException e) throws IOException {
        long now = System.currentTimeMillis();
        long last = lastUnavailableWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastUnavailableWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Session store unavailable; answering " + runtime.config().unavailableStatus(), e);
        } else {
            LOG.log(Level.DEBUG, "Session store unavailable", e);
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(runtime.config().unavailableStatus());
        response.setHeader("Retry-After", "5");
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("Session store unavailable; try again shortly.\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        LOG.log(Level.DEBUG, "CSRF check refused {0} {1}: {2}", request.getMethod(), request.getRequestURI(), reason);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("Forbidden: " + reason + ".\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void busy(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        LOG.log(Level.DEBUG, "{0} {1} waited lock.wait for its session''s lock in vain; answering {2}",
                request.getMethod(), request.getRequestURI(), status);
        response.setStatus(status);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write("Another request of this session is in progress; try again shortly.\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    private static SessionStoreUnavailableException unavailableCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SessionStoreUnavailableException u) {
                return u;
            }
        }
        return null;
    }

    private static Map<String, String> initParams(FilterConfig filterConfig) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            params.put(name, filterConfig.getInitParameter(name));
        }
        return params;
    }

    /** Saves an async request's session when it completes, then releases its session lock. */
    private static final class CommitOnComplete implements AsyncListener {
        private final RequestSessions sessions;
        private final RequestLock lock;

        CommitOnComplete(RequestSessions sessions, RequestLock lock) {
            this.sessions = sessions;
            this.lock = lock;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            try {
                sessions.finish();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not save the session of a completed async request", e);
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
