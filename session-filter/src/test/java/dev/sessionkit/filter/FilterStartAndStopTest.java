package dev.sessionkit.filter;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;
import dev.sessionkit.testapp.CapturedLog;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the filter starts and stops its store: a failed start closes it again, the reachability check of
 * {@code store.check-on-start}, the start's log line, expiry the store finds on its own, and the health
 * servlet's context attribute. The filter is initialised in a real Jetty's servlet context.
 */
class FilterStartAndStopTest {

    private static final String SECRET = "start-and-stop-secret-0123456789abcdefg";

    private final List<SessionFilter> started = new CopyOnWriteArrayList<>();
    private ServletContainer server;

    /** An in-memory store whose start, close and health check a test decides; it counts its closes. */
    private static final class ScriptedStore extends ForwardingSessionStore {
        RuntimeException startFailure;
        RuntimeException closeFailure;
        StoreHealth health = StoreHealth.up(Duration.ofMillis(1));
        volatile StoreContext context;
        final AtomicInteger closed = new AtomicInteger();

        ScriptedStore() {
            super(InMemorySessionStore.builder().build());
        }

        @Override
        public void start(StoreContext storeContext) {
            if (startFailure != null) {
                throw startFailure;
            }
            this.context = storeContext;
            super.start(storeContext);
        }

        @Override
        public StoreHealth health() {
            return health;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            super.close();
            if (closeFailure != null) {
                throw closeFailure;
            }
        }
    }

    @AfterEach
    void stop() {
        started.forEach(SessionFilter::destroy);
        if (server != null) {
            server.close();
        }
    }

    private ServletContext context() {
        if (server == null) {
            server = JettyServer.builder().servlet(new SessionServlet(), "/s/*").start();
        }
        return server.servletContext();
    }

    private static FilterConfig filterConfig(ServletContext context) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "sessions";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }

    private SessionFilter init(SessionConfig config) throws Exception {
        SessionFilter filter = new SessionFilter(config);
        filter.init(filterConfig(context()));
        started.add(filter);
        return filter;
    }

    private static SessionConfig plain(ScriptedStore store) {
        return SessionConfig.builder().secret(SECRET).secure(false).store(store).build();
    }

    @Test
    void aStoreThatFailsToStartIsClosedAgainAndItsFailureFailsInit() {
        ScriptedStore store = new ScriptedStore();
        store.startFailure = new IllegalStateException("cannot connect to the store");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> init(plain(store)));

        assertSame(store.startFailure, failure);
        assertEquals(1, store.closed.get(), "the failed start leaves no connection behind");
    }

    @Test
    void aCloseThatFailsAfterAFailedStartIsAttachedToTheStartFailure() {
        ScriptedStore store = new ScriptedStore();
        store.startFailure = new IllegalStateException("cannot connect to the store");
        store.closeFailure = new IllegalStateException("cannot close either");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> init(plain(store)));

        assertSame(store.startFailure, failure, "the start's failure is the one reported");
        assertArrayEquals(new Throwable[] {store.closeFailure}, failure.getSuppressed());
    }

    @Test
    void checkOnStartRefusesAnUnreachableStoreNamingWhyAndClosesIt() {
        ScriptedStore store = new ScriptedStore();
        store.health = StoreHealth.down(Duration.ofSeconds(2), "connection refused: localhost:6379");

        SessionException failure = assertThrows(SessionException.class,
                () -> init(SessionConfig.builder().secret(SECRET).store(store).checkOnStart(true).build()));

        assertTrue(failure.getMessage().contains("store.check-on-start=true")
                && failure.getMessage().contains("connection refused: localhost:6379"), failure.getMessage());
        assertEquals(1, store.closed.get());
    }

    @Test
    void checkOnStartLetsAReachableStoreStart() throws Exception {
        ScriptedStore store = new ScriptedStore();

        init(SessionConfig.builder().secret(SECRET).store(store).checkOnStart(true).build());

        assertEquals(0, store.closed.get());
        assertSame(store, context().getAttribute(StoreHealthServlet.STORE_ATTRIBUTE));
    }

    @Test
    void withoutCheckOnStartAnUnreachableStoreStillStarts() throws Exception {
        ScriptedStore store = new ScriptedStore();
        store.health = StoreHealth.down(Duration.ofSeconds(2), "connection refused: localhost:6379");

        init(plain(store));

        assertEquals(0, store.closed.get(), "the filter starts and answers 503 until the store is back");
    }

    @Test
    void initLogsTheEffectiveConfiguration() throws Exception {
        SessionConfig config = plain(new ScriptedStore());
        try (CapturedLog log = CapturedLog.of(SessionFilter.class.getName())) {
            init(config);
            assertEquals(List.of("sessionkit started: " + config), log.messages(Level.INFO));
        }
    }

    @Test
    void aSessionTheStoreFindsExpiredOnItsOwnIsAnnouncedToListenersAndCounted() throws Exception {
        ScriptedStore store = new ScriptedStore();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> events = new CopyOnWriteArrayList<>();
        init(SessionConfig.builder().secret(SECRET).store(store).metrics(new MicrometerSessionMetrics(registry))
                .listener(new HttpSessionListener() {
                    @Override
                    public void sessionDestroyed(HttpSessionEvent event) {
                        events.add("destroyed " + event.getSession().getId());
                    }
                }).build());
        String id = dev.sessionkit.store.SessionIds.newId();

        store.context.expiryListener().accept(id); // as a sweep or a Redis keyspace notification would

        assertEquals(List.of("destroyed " + id), events);
        assertEquals(1.0, registry.counter("sessionkit.sessions.expired").count());
    }

    @Test
    void destroyRemovesTheHealthServletsStoreOnlyWhileItIsItsOwn() throws Exception {
        ScriptedStore first = new ScriptedStore();
        ScriptedStore second = new ScriptedStore();
        SessionFilter firstFilter = init(plain(first));
        SessionFilter secondFilter = init(plain(second));
        assertSame(second, context().getAttribute(StoreHealthServlet.STORE_ATTRIBUTE), "the last filter started");

        firstFilter.destroy();
        assertSame(second, context().getAttribute(StoreHealthServlet.STORE_ATTRIBUTE),
                "another filter's store stays for the health servlet");
        assertEquals(1, first.closed.get());

        secondFilter.destroy();
        assertNull(context().getAttribute(StoreHealthServlet.STORE_ATTRIBUTE), "no closed store is left to check");
        assertEquals(1, second.closed.get());
    }
}
