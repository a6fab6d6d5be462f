package dev.sessionkit.testing;

import jakarta.servlet.ServletContext;
import java.net.URI;

/**
 * A started, embedded servlet container serving one web application on {@code http://127.0.0.1} at a
 * port chosen by the operating system.
 *
 * <p>Instances are obtained from {@link JettyServer#builder()} or {@link TomcatServer#builder()} and
 * are running until {@link #close()}; closing stops the container, releases the port and deletes any
 * temporary files it created. Closing twice is harmless.
 */
public interface ServletContainer extends AutoCloseable {

    /** The loopback address every container binds to; nothing is ever exposed beyond this host. */
    String LOOPBACK = "127.0.0.1";

    /** The TCP port the container listens on. */
    int port();

    /**
     * The context path of the deployed application: {@code "/"} for the root context, otherwise a
     * path such as {@code "/app"} without a trailing slash.
     */
    String contextPath();

    /** The running application's {@link ServletContext}, for inspecting attributes set by filters. */
    ServletContext servletContext();

    /** The URI of the application's root, always ending in {@code /}, e.g. {@code http://127.0.0.1:41234/app/}. */
    default URI uri() {
        return uri("/");
    }

    /**
     * The URI of {@code path} inside the application, e.g. {@code uri("/login?next=%2F")} for context
     * path {@code /app} is {@code http://127.0.0.1:41234/app/login?next=%2F}.
     *
     * @param path a path starting with {@code /}, relative to the context path, optionally with an
     *     already-encoded query string
     */
    default URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        String prefix = "/".equals(contextPath()) ? "" : contextPath();
        return URI.create("http://" + LOOPBACK + ":" + port() + prefix + path);
    }

    /** Stops the container and deletes its temporary files. */
    @Override
    void close();
}
