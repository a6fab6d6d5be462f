package dev.sessionkit.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fluent description of one web application, shared by {@link JettyServer#builder()} and
 * {@link TomcatServer#builder()}; {@link #start()} deploys it on a new container.
 *
 * <p>Every filter and servlet is registered with {@code asyncSupported = true}. Programmatic
 * registrations are added after those of a web.xml or of scanned annotations, in the order given.
 * Filters without explicit dispatcher types apply to {@link DispatcherType#REQUEST} only, as a
 * web.xml {@code <filter-mapping>} without {@code <dispatcher>} does.
 *
 * <p>A builder may be started more than once; each start gets its own container sharing the same
 * filter and servlet instances.
 *
 * @param <B> the concrete builder type, returned by every fluent method
 * @param <C> the container type {@link #start()} returns
 */
public abstract class ContainerBuilder<B extends ContainerBuilder<B, C>, C extends ServletContainer> {

    private String contextPath = "/";
    private Path webAppSource;
    private final List<Class<?>> annotatedClasses = new ArrayList<>();
    private final List<Deployment.FilterEntry> filters = new ArrayList<>();
    private final List<Deployment.ServletEntry> servlets = new ArrayList<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private final List<ServletContainerInitializer> initializers = new ArrayList<>();

    ContainerBuilder() {}

    /** Deploys under {@code path}: {@code "/"} (the default) or e.g. {@code "/app"}. */
    public B contextPath(String path) {
        if (!path.equals("/") && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("context path must be \"/\" or \"/name\" without a trailing slash: " + path);
        }
        contextPath = path;
        return self();
    }

    /**
     * Deploys {@code directory} as an exploded web application, honouring its {@code WEB-INF/web.xml}.
     * The directory is copied, never modified; classes named in web.xml are loaded from the test
     * class path.
     */
    public B webApp(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        webAppSource = directory;
        return self();
    }

    /**
     * Like {@link #webApp(Path)} for a directory on the class path, e.g. {@code "webapps/basic"} for
     * {@code src/test/resources/webapps/basic/WEB-INF/web.xml}. The directory must not be inside a jar.
     */
    public B webAppResource(String classpathDirectory) {
        URL url = Thread.currentThread().getContextClassLoader().getResource(classpathDirectory);
        if (url == null) {
            throw new IllegalArgumentException("no such class path resource: " + classpathDirectory);
        }
        if (!"file".equals(url.getProtocol())) {
            throw new IllegalArgumentException("class path resource is not a plain directory: " + url);
        }
        try {
            return webApp(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unusable class path resource URL: " + url, e);
        }
    }

    /**
     * Deploys as a web application whose {@code WEB-INF/classes} holds the bytecode of {@code classes},
     * so the container discovers their {@code @WebFilter}, {@code @WebServlet} and {@code @WebListener}
     * annotations by its own scanning. Only these classes are scanned, not the whole test class path.
     */
    public B annotatedClasses(Class<?>... classes) {
        annotatedClasses.addAll(Arrays.asList(classes));
        return self();
    }

    /** Adds {@code filter} for the REQUEST dispatch of {@code urlPatterns}. */
    public B filter(Filter filter, String... urlPatterns) {
        return filter(filter, Map.of(), Set.of(DispatcherType.REQUEST), urlPatterns);
    }

    /** Adds a filter the container instantiates, with init parameters, for the REQUEST dispatch. */
    public B filter(Class<? extends Filter> type, Map<String, String> initParameters, String... urlPatterns) {
        return filter(type, initParameters, Set.of(DispatcherType.REQUEST), urlPatterns);
    }

    /** Adds {@code filter} with init parameters for the given dispatcher types. */
    public B filter(
            Filter filter,
            Map<String, String> initParameters,
            Set<DispatcherType> dispatcherTypes,
            String... urlPatterns) {
        return addFilter(filter, filter.getClass(), initParameters, dispatcherTypes, urlPatterns);
    }

    /** Adds a filter the container instantiates, with init parameters, for the given dispatcher types. */
    public B filter(
            Class<? extends Filter> type,
            Map<String, String> initParameters,
            Set<DispatcherType> dispatcherTypes,
            String... urlPatterns) {
        return addFilter(null, type, initParameters, dispatcherTypes, urlPatterns);
    }

    /** Adds {@code servlet} for {@code urlPatterns}. */
    public B servlet(Servlet servlet, String... urlPatterns) {
        servlets.add(new Deployment.ServletEntry(
                name("servlet", servlets.size(), servlet.getClass()), servlet, servlet.getClass(), patterns(urlPatterns)));
        return self();
    }

    /** Adds a servlet the container instantiates for {@code urlPatterns}. */
    public B servlet(Class<? extends Servlet> type, String... urlPatterns) {
        servlets.add(new Deployment.ServletEntry(
                name("servlet", servlets.size(), type), null, type, patterns(urlPatterns)));
        return self();
    }

    /**
     * Adds a listener of any type a web application may register programmatically, including
     * {@code ServletContextListener}, {@code HttpSessionListener} and {@code ServletRequestListener}.
     */
    public B listener(EventListener listener) {
        listeners.add(listener);
        return self();
    }

    /**
     * Runs a container's own initializer before the application's registrations, as a real deployment
     * would find it in a jar: for instance Jetty's {@code JakartaWebSocketServletContainerInitializer} or
     * Tomcat's {@code WsSci}, which set up the WebSocket {@code ServerContainer}.
     */
    public B initializer(ServletContainerInitializer initializer) {
        initializers.add(initializer);
        return self();
    }

    /**
     * Starts a container on {@code 127.0.0.1} at a free port and deploys the application.
     *
     * @throws IllegalStateException if the container or the application fails to start, e.g. because
     *     a filter's {@code init} threw; the cause is the underlying failure where the container
     *     exposes it
     */
    public C start() {
        return start(new Deployment(contextPath, webAppSource, annotatedClasses, filters, servlets, listeners, initializers));
    }

    abstract C start(Deployment deployment);

    private B addFilter(
            Filter instance,
            Class<? extends Filter> type,
            Map<String, String> initParameters,
            Set<DispatcherType> dispatcherTypes,
            String[] urlPatterns) {
        if (dispatcherTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one dispatcher type is required");
        }
        filters.add(new Deployment.FilterEntry(
                name("filter", filters.size(), type),
                instance,
                type,
                Map.copyOf(initParameters),
                Set.copyOf(dispatcherTypes),
                patterns(urlPatterns)));
        return self();
    }

    private static List<String> patterns(String[] urlPatterns) {
        if (urlPatterns.length == 0) {
            throw new IllegalArgumentException("at least one URL pattern is required");
        }
        return List.of(urlPatterns);
    }

    private static String name(String kind, int index, Class<?> type) {
        String simpleName = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        return kind + "-" + index + "-" + simpleName;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
