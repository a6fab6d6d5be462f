package dev.sessionkit.testing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches the first exception Tomcat logs while starting.
 *
 * <p>Tomcat does not throw when an application fails to start (say, a filter's {@code init} threw):
 * it logs the exception and marks the context failed. Recording it lets {@link TomcatServer} hand it
 * to the test as the cause instead of leaving only a log line.
 */
final class StartupFailures extends Handler {

    // A strong reference: java.util.logging keeps loggers only weakly, and the handler must stay put.
    private final Logger catalina = Logger.getLogger("org.apache.catalina");
    private volatile Throwable first;

    private StartupFailures() {
        setLevel(Level.SEVERE);
    }

    static StartupFailures capture() {
        StartupFailures failures = new StartupFailures();
        failures.catalina.addHandler(failures);
        return failures;
    }

    /** The first exception logged at SEVERE since {@link #capture()}, or null. */
    Throwable first() {
        return first;
    }

    void release() {
        catalina.removeHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (first == null && record.getThrown() != null && isLoggable(record)) {
            first = record.getThrown();
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
