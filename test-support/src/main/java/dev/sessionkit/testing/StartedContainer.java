package dev.sessionkit.testing;

import java.util.concurrent.atomic.AtomicBoolean;

/** What every started container shares: its port, its context path, and closing exactly once. */
abstract class StartedContainer implements ServletContainer {

    private final int port;
    private final String contextPath;
    private final AtomicBoolean closed = new AtomicBoolean();

    StartedContainer(int port, String contextPath) {
        this.port = port;
        this.contextPath = contextPath;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop();
        }
    }

    /** Stops the container and deletes its files; called once. */
    abstract void stop();
}
