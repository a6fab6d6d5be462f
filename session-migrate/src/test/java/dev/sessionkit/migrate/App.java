package dev.sessionkit.migrate;

import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.testing.JettyServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The test application ({@link AccountServlet}) on embedded Jetty, behind a SessionFilter with init-params. */
final class App implements AutoCloseable {

    static final String SECRET = "migration-test-secret-0123456789-abcdefghij";

    private final JettyServer server;

    private App(JettyServer server) {
        this.server = server;
    }

    /** Starts the app; {@code params} come on top of the signing secret. */
    static App start(Map<String, String> params) {
        Map<String, String> all = new HashMap<>(Map.of("secret", SECRET));
        all.putAll(params);
        return new App(JettyServer.builder().filter(SessionFilter.class, all, "/*")
                .servlet(AccountServlet.class, "/login", "/add", "/me", "/logout", "/logout-everywhere", "/id").start());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Override
    public void close() {
        server.close();
    }
}
