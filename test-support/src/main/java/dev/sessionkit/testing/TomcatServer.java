package dev.sessionkit.testing;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.apache.catalina.Context;
import org.apache.catalina.Globals;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat 11 (Servlet 6.1) serving one application on {@code 127.0.0.1}.
 *
 * <p>Programmatic registrations go into a bare context; as soon as a web application directory or
 * annotated classes are given, the context is a full web application whose web.xml is read and whose
 * {@code WEB-INF/classes} is scanned for Servlet annotations (class path jars are never scanned).
 * Either way Tomcat's default servlet answers unmapped paths, so they still pass through {@code /*}
 * filters. Tomcat writes everything below a temporary base directory that {@link #close()} deletes.
 *
 * <p><b>Class path:</b> Tomcat 11 bundles the Servlet 6.1 API and fails in odd places (for instance
 * {@code AbstractMethodError} from {@code sendRedirect}) when the 6.0 {@code jakarta.servlet-api}
 * jar is ahead of it. The build runs tests tagged {@code @Tag("tomcat")} without that jar;
 * {@link Builder#start()} refuses, with an explanation, to run on a class path that still has it.
 *
 * <pre>{@code
 * try (TomcatServer tomcat = TomcatServer.builder()
 *         .filter(AuditFilter.class, Map.of("level", "full"), "/*")
 *         .servlet(new CartServlet(), "/cart")
 *         .start()) {
 *     HttpResponse<String> response = new CookieClient().get(tomcat.uri("/cart"));
 * }
 * }</pre>
 */
public final class TomcatServer extends StartedContainer {

    private final Tomcat tomcat;
    private final Context context;
    private final Path baseDirectory;

    private TomcatServer(Tomcat tomcat, Context context, int port, String contextPath, Path baseDirectory) {
        super(port, contextPath);
        this.tomcat = tomcat;
        this.context = context;
        this.baseDirectory = baseDirectory;
    }

    /** A builder for a Tomcat-hosted application at context path {@code "/"}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ServletContext servletContext() {
        return context.getServletContext();
    }

    @Override
    void stop() {
        dispose(tomcat, baseDirectory);
    }

    /** Builds and starts a {@link TomcatServer}. */
    public static final class Builder extends ContainerBuilder<Builder, TomcatServer> {

        private Builder() {}

        @Override
        TomcatServer start(Deployment deployment) {
            requireBundledServletApi();
            Path baseDirectory = createBaseDirectory();
            Tomcat tomcat = new Tomcat();
            try {
                Context context = configure(tomcat, baseDirectory, deployment);
                StartupFailures failures = StartupFailures.capture();
                try {
                    tomcat.start();
                } finally {
                    failures.release();
                }
                if (context.getState() != LifecycleState.STARTED) {
                    throw new IllegalStateException(
                            "Tomcat failed to start " + deployment.contextPath() + " (see the log above)",
                            failures.first());
                }
                Connector connector = tomcat.getConnector();
                return new TomcatServer(tomcat, context, connector.getLocalPort(), deployment.contextPath(), baseDirectory);
            } catch (LifecycleException | IOException | RuntimeException e) {
                try {
                    dispose(tomcat, baseDirectory);
                } catch (RuntimeException cleanupFailure) {
                    e.addSuppressed(cleanupFailure);
                }
                if (e instanceof IllegalStateException illegalState) {
                    throw illegalState;
                }
                throw new IllegalStateException("Tomcat failed to start " + deployment.contextPath(), e);
            }
        }

        private static Context configure(Tomcat tomcat, Path baseDirectory, Deployment deployment) throws IOException {
            // Tomcat points the JVM-wide catalina.home at the first base directory it meets and
            // re-creates that directory on every later start; claiming both properties for this
            // instance until close() keeps deleted base directories deleted.
            System.setProperty(Globals.CATALINA_HOME_PROP, baseDirectory.toString());
            System.setProperty(Globals.CATALINA_BASE_PROP, baseDirectory.toString());
            tomcat.setBaseDir(baseDirectory.toString());
            tomcat.setSilent(true);
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", LOOPBACK);
            tomcat.setConnector(connector);

            Path documentRoot = baseDirectory.resolve("webapp");
            WebAppFiles.stage(documentRoot, deployment);
            String path = "/".equals(deployment.contextPath()) ? "" : deployment.contextPath();
            Context context = deployment.isWebApp()
                    ? webApp(tomcat, path, documentRoot)
                    : tomcat.addContext(path, documentRoot.toString());

            // A real Tomcat always has a default servlet (from conf/web.xml); without it requests for
            // unmapped paths would never reach the filters. Overridable, so a web.xml may map "/".
            Wrapper defaultServlet = Tomcat.addServlet(context, "default", DefaultServlet.class.getName());
            defaultServlet.setOverridable(true);
            context.addServletMapping("/", "default");

            // The standard manager serialises sessions to disk on stop and warns about every
            // non-serialisable attribute; persistence is meaningless for a throw-away server.
            StandardManager manager = new StandardManager();
            manager.setPathname(null);
            context.setManager(manager);

            // Both leak checks run on every stop and only warn that they need --add-opens.
            StandardContext standardContext = (StandardContext) context;
            standardContext.setClearReferencesThreadLocals(false);
            standardContext.setClearReferencesRmiTargets(false);

            deployment.containerInitializers().forEach(initializer -> context.addServletContainerInitializer(initializer, null));
            context.addServletContainerInitializer(deployment.initializer(), null);
            return context;
        }

        private static Context webApp(Tomcat tomcat, String path, Path documentRoot) {
            // Tomcat's stand-in for conf/web.xml declares a JSP servlet that is not on the class path;
            // the one default that matters, the default servlet, is added by configure().
            tomcat.setAddDefaultWebXmlToWebapp(false);
            ContextConfig config = new ContextConfig();
            config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
            Context context = tomcat.addWebapp(tomcat.getHost(), path, documentRoot.toString(), config);

            StandardJarScanner jarScanner = new StandardJarScanner();
            jarScanner.setScanClassPath(false);
            jarScanner.setScanManifest(false);
            context.setJarScanner(jarScanner);

            // Application classes live on the test class path; loading them parent-first gives the
            // test and the container the same Class objects (and the same static state).
            WebappLoader loader = new WebappLoader();
            loader.setDelegate(true);
            context.setLoader(loader);
            return context;
        }

        private static Path createBaseDirectory() {
            try {
                // Canonical, as Tomcat writes it back into catalina.base and catalina.home.
                return Files.createTempDirectory("sessionkit-tomcat-").toRealPath();
            } catch (IOException e) {
                throw new IllegalStateException("could not create a Tomcat base directory", e);
            }
        }
    }

    private static void requireBundledServletApi() {
        try {
            // Added in Servlet 6.1: present only if Tomcat's own API classes won.
            HttpServletResponse.class.getMethod("sendRedirect", String.class, int.class, boolean.class);
        } catch (NoSuchMethodException e) {
            CodeSource source = HttpServletResponse.class.getProtectionDomain().getCodeSource();
            throw new IllegalStateException("Tomcat 11 needs the Servlet 6.1 API it bundles, but jakarta.servlet classes"
                    + " come from " + (source == null ? "an unknown location" : source.getLocation())
                    + ". Tag Tomcat tests @Tag(\"tomcat\") so that the 'tomcat-test' surefire execution, which"
                    + " drops jakarta.servlet:jakarta.servlet-api, runs them.");
        }
    }

    private static void dispose(Tomcat tomcat, Path baseDirectory) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat failed to stop", e);
        } finally {
            System.getProperties().remove(Globals.CATALINA_HOME_PROP, baseDirectory.toString());
            System.getProperties().remove(Globals.CATALINA_BASE_PROP, baseDirectory.toString());
            WebAppFiles.deleteRecursively(baseDirectory);
        }
    }
}
