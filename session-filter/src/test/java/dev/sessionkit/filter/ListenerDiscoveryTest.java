package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.CapturedLog;
import dev.sessionkit.testapp.RecordingSessionListener;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testapp.XmlSessionListener;
import dev.sessionkit.testing.CookieClient;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EventListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ListenerDiscovery#fromWebXml}: which {@code <listener>} entries of WEB-INF/web.xml become session
 * listeners, and that the file is parsed without fetching a DTD or an external entity. The web.xml is served by a real
 * Jetty context that does not read it itself, as Jetty without its annotations module leaves it to us.
 */
class ListenerDiscoveryTest {

    private static final String SECRET = "listener-discovery-secret-0123456789abc";

    /** Only a lifecycle listener. */
    public static final class LifecycleOnly implements HttpSessionListener {
    }

    /** Only an attribute listener. */
    public static final class AttributesOnly implements HttpSessionAttributeListener {
    }

    /** Only an ID listener. */
    public static final class IdsOnly implements HttpSessionIdListener {
        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        }
    }

    /** A listener of the context, not of sessions: the container's alone. It counts its instances. */
    public static final class ContextOnly implements ServletContextListener {
        static final AtomicInteger INSTANCES = new AtomicInteger();

        public ContextOnly() {
            INSTANCES.incrementAndGet();
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
        }
    }

    /** An abstract session listener, which nobody can instantiate. */
    public abstract static class AbstractLifecycle implements HttpSessionListener {
    }

    @TempDir
    Path root;

    private Server jetty;
    private ServletContainer entityServer;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (entityServer != null) {
            entityServer.close();
        }
    }

    /** A session listener whose constructor fails. */
    public static final class Unconstructible implements HttpSessionListener {
        public Unconstructible() {
            throw new IllegalStateException("cannot be constructed");
        }
    }

    /** Starts a context whose WEB-INF/web.xml is {@code webXml}, with {@code filter} in front of the session servlet. */
    private ServletContextHandler start(String webXml, SessionFilter filter) throws Exception {
        Files.createDirectories(root.resolve("WEB-INF"));
        Files.writeString(root.resolve("WEB-INF/web.xml"), webXml);
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setBaseResourceAsPath(root);
        context.setClassLoader(ListenerDiscoveryTest.class.getClassLoader()); // the web application's classes
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new SessionServlet()), "/s/*");
        }
        jetty.setHandler(context);
        jetty.start();
        return context;
    }

    /** @return the listeners found in a context whose WEB-INF/web.xml is {@code webXml} */
    private List<EventListener> discover(String webXml) throws Exception {
        return ListenerDiscovery.fromWebXml(start(webXml, null).getServletContext());
    }

    private static SessionFilter filter(SessionStore store) {
        return new SessionFilter(SessionConfig.builder().secret(SECRET).secure(false).store(store).build());
    }

    @Test
    void withoutAnInitializerTheFilterCallsTheSessionListenersOfWebXml() throws Exception {
        RecordingSessionListener.EVENTS.clear();
        start(webXml("", XmlSessionListener.class.getName()), filter(InMemorySessionStore.builder().build()));
        URI count = URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/s/count");

        assertEquals("1", new CookieClient().get(count).body());

        assertEquals(List.of("XmlSessionListener:created", "XmlSessionListener:added:count"), RecordingSessionListener.EVENTS);
    }

    @Test
    void aWebXmlSessionListenerThatCannotBeCreatedFailsInitAndClosesTheStore() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        SessionStore store = new ForwardingSessionStore(InMemorySessionStore.builder().build()) {
            @Override
            public void close() {
                closed.incrementAndGet();
                super.close();
            }
        };
        SessionFilter filter = filter(store);
        ServletContextHandler context = start(webXml("", Unconstructible.class.getName()), null);

        assertThrows(ServletException.class, () -> filter.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return "sessions";
            }

            @Override
            public jakarta.servlet.ServletContext getServletContext() {
                return context.getServletContext();
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public java.util.Enumeration<String> getInitParameterNames() {
                return java.util.Collections.emptyEnumeration();
            }
        }));
        assertEquals(1, closed.get(), "the failed start leaves no connection behind");
    }

    private static String webXml(String doctype, String... listenerClasses) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(doctype)
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" metadata-complete=\"true\">\n");
        for (String name : listenerClasses) {
            xml.append("  <listener><listener-class>").append(name).append("</listener-class></listener>\n");
        }
        return xml.append("</web-app>\n").toString();
    }

    private static Set<Class<?>> types(List<EventListener> listeners) {
        return listeners.stream().map(Object::getClass).collect(Collectors.toSet());
    }

    @Test
    void eachKindOfSessionListenerDeclaredInWebXmlIsInstantiated() throws Exception {
        try (CapturedLog log = CapturedLog.of(ListenerDiscovery.class.getName())) {
            List<EventListener> found = discover(webXml("", LifecycleOnly.class.getName(), AttributesOnly.class.getName(),
                    IdsOnly.class.getName()));

            assertEquals(Set.of(LifecycleOnly.class, AttributesOnly.class, IdsOnly.class), types(found));
            assertEquals(3, found.size());
            assertEquals(List.of(), log.messages(Level.WARNING), "a web.xml read in full draws no warning");
        }
    }

    @Test
    void listenersOfOtherKindsAreLeftToTheContainer() throws Exception {
        ContextOnly.INSTANCES.set(0);

        List<EventListener> found = discover(webXml("", ContextOnly.class.getName(), AbstractLifecycle.class.getName(),
                LifecycleOnly.class.getName()));

        assertEquals(Set.of(LifecycleOnly.class), types(found));
        assertEquals(0, ContextOnly.INSTANCES.get(), "no second instance of the container's listener is made");
    }

    @Test
    void aServlet23WebXmlWithItsDoctypeHasItsListenersFoundAndItsDtdIsNeverFetched() throws Exception {
        AtomicInteger fetched = countingServer(LifecycleOnly.class.getName());
        String servlet23 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                + "<!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\" \""
                + entityServer.uri("/web-app_2_3.dtd") + "\">\n"
                + "<web-app><listener><listener-class>" + LifecycleOnly.class.getName() + "</listener-class></listener></web-app>\n";
        try (CapturedLog log = CapturedLog.of(ListenerDiscovery.class.getName())) {
            List<EventListener> found = discover(servlet23);

            assertEquals(Set.of(LifecycleOnly.class), types(found));
            assertEquals(0, fetched.get(), "the DTD's URL was not requested");
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void anEntityExpansionBombIsRefusedWithAWarning() throws Exception {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE web-app [ <!ENTITY e0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            doctype.append(" <!ENTITY e").append(i).append(" \"").append(("&e" + (i - 1) + ";").repeat(10)).append("\">");
        }
        doctype.append(" ]>\n");
        try (CapturedLog log = CapturedLog.of(ListenerDiscovery.class.getName())) {
            List<EventListener> found = discover(webXml(doctype.toString(), LifecycleOnly.class.getName() + "&e9;"));

            assertEquals(List.of(), found);
            assertEquals(1, log.messages(Level.WARNING).size(), String.valueOf(log.messages(Level.WARNING)));
            assertTrue(log.messages(Level.WARNING).get(0).contains("Could not read WEB-INF/web.xml"),
                    String.valueOf(log.messages(Level.WARNING)));
        }
    }

    /** Starts {@link #entityServer}, which answers every GET with {@code body}; returns its request count. */
    private AtomicInteger countingServer(String body) {
        AtomicInteger fetched = new AtomicInteger();
        entityServer = JettyServer.builder().servlet(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                fetched.incrementAndGet();
                response.getWriter().write(body);
            }
        }, "/*").start();
        return fetched;
    }

    @Test
    void anExternalEntityInWebXmlIsNeverFetched() throws Exception {
        AtomicInteger fetched = countingServer(LifecycleOnly.class.getName());
        String doctype = "<!DOCTYPE web-app [ <!ENTITY listener SYSTEM \"" + entityServer.uri("/entity") + "\"> ]>\n";

        List<EventListener> found = discover(webXml(doctype, "&listener;"));

        assertEquals(List.of(), found);
        assertEquals(0, fetched.get(), "the entity's URL was not requested");
    }
}
