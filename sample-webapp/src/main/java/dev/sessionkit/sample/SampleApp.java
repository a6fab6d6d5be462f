package dev.sessionkit.sample;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.SessionException;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.sample.pages.MetricsServlet;
import dev.sessionkit.sample.pages.Pages;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The sample on embedded Jetty 12: {@link SessionFilter} in front of the {@link Pages}, on
 * {@code http://127.0.0.1:8080}. {@code src/main/webapp/WEB-INF/web.xml} deploys the same pages as a WAR.
 *
 * <p>web.xml configures the filter with init-params; this class shows the other way, in code with
 * {@link SessionConfig#builder()}. That is also how each running sample gets a metrics registry of its own,
 * where init-params can only reach Micrometer's JVM-wide global registry. The store is still chosen by
 * name and configured with the init-param keys web.xml would use, through the same
 * {@link SessionStoreProvider} lookup.
 */
public final class SampleApp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SampleApp.class.getName());
    // Held so the level set in main is not lost when the logger is garbage-collected.
    private static final java.util.logging.Logger JETTY_LOG = java.util.logging.Logger.getLogger("org.eclipse.jetty");
    private static final String HOST = "127.0.0.1";

    private final Server server;
    private final int port;
    private final Path throwAwayKeyset;
    private final PrometheusMeterRegistry metrics;

    private SampleApp(Server server, int port, Path throwAwayKeyset, PrometheusMeterRegistry metrics) {
        this.server = server;
        this.port = port;
        this.throwAwayKeyset = throwAwayKeyset;
        this.metrics = metrics;
    }

    /**
     * Runs the sample until Ctrl-C. Flags are listed in {@link SampleOptions#USAGE}.
     *
     * @param args the flags
     */
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
            // Jetty's start-up lines name its internal objects; its warnings and errors still show.
            JETTY_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        SampleOptions options;
        try {
            options = SampleOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SampleOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SampleOptions.USAGE);
            return;
        }
        SampleApp app;
        try {
            app = start(options);
        } catch (SessionException e) {
            // The message names the setting to fix; the stack trace would only bury it.
            LOG.log(Level.ERROR, "Cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "Cannot start: " + e.getMessage(), e.getCause());
            System.exit(1);
            return;
        }
        app.server.setStopAtShutdown(true);
        LOG.log(Level.INFO, "sessionkit sample running at " + app.uri("/") + "  (Ctrl-C stops it)");
        try {
            app.server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the sample and returns once it serves requests.
     *
     * @param options how to run; {@code port} 0 picks a free port, see {@link #port()}
     * @return the running sample; {@link #close()} stops it
     * @throws SessionException      when the session configuration is wrong (the message names the setting)
     * @throws IllegalStateException when Jetty cannot start, for instance because the port is taken
     */
    public static SampleApp start(SampleOptions options) {
        Path throwAwayKeyset = options.store().equals("cookie") && options.keyset() == null ? DevKeys.cookieKeyset() : null;
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            SessionConfig config = config(options, throwAwayKeyset, metrics);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(HOST);
            connector.setPort(options.port());
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            // The same two settings web.xml gives the WAR: a <context-param> and, from MetricsListener, an attribute.
            context.setInitParameter(Pages.ADMIN_PARAMETER, options.admin());
            context.setAttribute(MetricsServlet.REGISTRY_ATTRIBUTE, metrics);
            context.addFilter(new FilterHolder(new SessionFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
            Pages.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
            server.setHandler(context);
            startOrExplain(server, options.port());
            LOG.log(Level.INFO, "Administrator: " + options.admin() + " (/admin); session metrics at /metrics");
            return new SampleApp(server, connector.getLocalPort(), throwAwayKeyset, metrics);
        } catch (RuntimeException e) {
            metrics.close();
            delete(throwAwayKeyset);
            throw e;
        }
    }

    /** @return the port the sample listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * @param path a path starting with {@code /}
     * @return its address on the running sample
     */
    public URI uri(String path) {
        return URI.create("http://" + HOST + ":" + port + path);
    }

    /** Stops the server, the session store and the metrics registry. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty failed to stop", e);
        } finally {
            metrics.close();
            delete(throwAwayKeyset);
        }
    }

    private static SessionConfig config(SampleOptions options, Path throwAwayKeyset, PrometheusMeterRegistry metrics) {
        String secret = options.secret();
        if (secret == null) {
            LOG.log(Level.WARNING, SampleOptions.SECRET_ENV + " is not set: session IDs are signed with a random"
                    + " development secret that dies with this process. Set a real one (32+ characters) with: export "
                    + SampleOptions.SECRET_ENV + "=\"$(openssl rand -base64 48)\"");
            secret = DevKeys.secret();
        }
        if (!options.secureCookie()) {
            LOG.log(Level.WARNING, "The session cookie is sent without Secure (--secure-cookie=false) because the"
                    + " sample serves plain http on localhost. In production keep cookie.secure=true, the default,"
                    + " and serve https.");
        }
        // Everything that can be refused is checked before the store opens connections it would then leak.
        SessionConfigBuilder builder = SessionConfig.builder()
                .secret(secret)
                .secure(options.secureCookie())
                // Behind https the cookie is __Host-SESSION: no sibling subdomain can plant one of its own.
                .hostPrefix(options.secureCookie())
                // Every POST must carry the session's token (Html.csrfField) and come from this origin.
                .csrfCheck(true)
                .metrics(new MicrometerSessionMetrics(metrics));
        return builder.store(store(options.store(), storeParams(options, throwAwayKeyset))).build();
    }

    /** The store as web.xml's {@code store} init-param chooses it: memory, or a provider found by name. */
    private static SessionStore store(String name, Map<String, String> params) {
        if (name.equals("memory")) {
            return InMemorySessionStore.builder().build();
        }
        for (SessionStoreProvider provider : ServiceLoader.load(SessionStoreProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.create(params);
            }
        }
        throw new IllegalStateException("No session store named '" + name + "' on the class path");
    }

    /** The store's keys and values, as a web.xml {@code <init-param>} list would hold them. */
    private static Map<String, String> storeParams(SampleOptions options, Path throwAwayKeyset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("store", options.store());
        switch (options.store()) {
            case "redis" -> {
                params.put("redis.uri", options.redisUri());
                LOG.log(Level.INFO, "Store: redis at " + withoutPassword(options.redisUri()));
            }
            case "cookie" -> {
                Path keyset = throwAwayKeyset != null ? throwAwayKeyset : options.keyset();
                params.put("cookie-store.keyset-file", keyset.toString());
                // The sample reads an unencrypted keyset file; a real deployment protects it like a password.
                params.put("cookie-store.cleartext-keyset", "true");
                if (throwAwayKeyset != null) {
                    LOG.log(Level.WARNING, "--keyset not given: sealing cookies with a throw-away AES256-GCM keyset"
                            + " that dies with this process");
                }
                LOG.log(Level.INFO, "Store: cookie (the whole session sealed in the cookie), keyset " + keyset);
            }
            case "jdbc" -> {
                params.put("jdbc.url", options.jdbcUrl());
                if (options.jdbcUser() != null) {
                    params.put("jdbc.user", options.jdbcUser());
                }
                if (System.getenv(SampleOptions.JDBC_PASSWORD_ENV) != null) {
                    params.put("jdbc.password.env", SampleOptions.JDBC_PASSWORD_ENV);
                }
                // A sample may create its tables; production applies the DDL with its migration tool.
                params.put("jdbc.create-schema", "true");
                LOG.log(Level.INFO, "Store: jdbc at " + options.jdbcUrl().replaceAll("//[^/@]*@", "//***@"));
            }
            default -> LOG.log(Level.INFO, "Store: memory (sessions live in this process and vanish when it stops)");
        }
        return params;
    }

    private static void startOrExplain(Server server, int port) {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalStateException("Port " + port + " on " + HOST + " is taken: stop the other"
                            + " program or choose another port with --port=" + (port + 1));
                }
                if (t instanceof SessionException s) {
                    throw s;
                }
            }
            throw new IllegalStateException("Jetty failed to start: " + e, e);
        }
    }

    private static String withoutPassword(String redisUri) {
        try {
            URI uri = URI.create(redisUri);
            return uri.getUserInfo() == null ? redisUri : redisUri.replace(uri.getRawUserInfo(), "***");
        } catch (IllegalArgumentException e) {
            return "(unparseable URI)";
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the throw-away keyset " + file, e);
        }
    }
}
