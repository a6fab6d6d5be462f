package dev.sessionkit.testing;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10, Servlet 6.0) serving one application on {@code 127.0.0.1}.
 *
 * <p>A bare {@link ServletContextHandler} (with container sessions enabled, like any real web
 * application) hosts programmatic registrations; as soon as a web application directory or
 * annotated classes are given, a {@link WebAppContext} is used instead, which reads web.xml and scans
 * {@code WEB-INF/classes} for Servlet annotations. Either way unmapped paths still pass through
 * {@code /*} filters, answered by Jetty's default servlet.
 *
 * <pre>{@code
 * try (JettyServer jetty = JettyServer.builder()
 *         .filter(filterUnderTest, "/*")
 *         .servlet(CartServlet.class, "/cart")
 *         .start()) {
 *     HttpResponse<String> response = new CookieClient().get(jetty.uri("/cart"));
 * }
 * }</pre>
 */
public final class JettyServer extends StartedContainer {

    private final Server server;
    private final ServletContextHandler context;
    private final Path documentRoot;

    private JettyServer(Server server, ServletContextHandler context, int port, String contextPath, Path documentRoot) {
        super(port, contextPath);
        this.server = server;
        this.context = context;
        this.documentRoot = documentRoot;
    }

    /** A builder for a Jetty-hosted application at context path {@code "/"}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ServletContext servletContext() {
        return context.getServletContext();
    }

    @Override
    void stop() {
        dispose(server, documentRoot);
    }

    /** Builds and starts a {@link JettyServer}. */
    public static final class Builder extends ContainerBuilder<Builder, JettyServer> {

        private Builder() {}

        @Override
        JettyServer start(Deployment deployment) {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(LOOPBACK);
            connector.setPort(0);
            server.addConnector(connector);

            Path documentRoot = deployment.isWebApp() ? stage(deployment) : null;
            ServletContextHandler context = documentRoot != null
                    ? webAppContext(documentRoot)
                    : new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath(deployment.contextPath());
            deployment.containerInitializers().forEach(context::addServletContainerInitializer);
            context.addServletContainerInitializer(deployment.initializer());
            server.setHandler(context);

            try {
                server.start();
            } catch (Exception e) {
                try {
                    dispose(server, documentRoot);
                } catch (RuntimeException cleanupFailure) {
                    e.addSuppressed(cleanupFailure);
                }
                throw new IllegalStateException("Jetty failed to start " + deployment.contextPath(), e);
            }
            return new JettyServer(server, context, connector.getLocalPort(), deployment.contextPath(), documentRoot);
        }

        private static Path stage(Deployment deployment) {
            Path root = null;
            try {
                root = Files.createTempDirectory("sessionkit-jetty-");
                WebAppFiles.stage(root, deployment);
                return root;
            } catch (IOException | RuntimeException e) {
                WebAppFiles.deleteRecursively(root);
                throw new IllegalStateException("could not prepare the web application directory", e);
            }
        }

        private static WebAppContext webAppContext(Path documentRoot) {
            WebAppContext webApp = new WebAppContext();
            webApp.setBaseResourceAsPath(documentRoot);
            // Application classes live on the test class path; loading them parent-first gives the
            // test and the container the same Class objects (and the same static state).
            webApp.setParentLoaderPriority(true);
            // Without this a failing filter only makes the app answer 503; tests want start() to fail.
            webApp.setThrowUnavailableOnStartupException(true);
            return webApp;
        }
    }

    private static void dispose(Server server, Path documentRoot) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty failed to stop", e);
        } finally {
            WebAppFiles.deleteRecursively(documentRoot);
        }
    }
}
