package dev.sessionkit.cli;

import dev.sessionkit.store.SessionInfo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** Sessions as a table: a header, then one row each. Prints the header before the first row, or at once. */
final class SessionTable {

    private static final String FORMAT = "%-56s %-20s %-24s %-24s %8s %s%n";

    private final PrintStream out;

    SessionTable(PrintStream out) {
        this.out = out;
        out.printf(Locale.ROOT, FORMAT, "ID", "PRINCIPAL", "CREATED", "LAST_ACCESS", "IDLE_S", "ATTRIBUTES");
    }

    void row(SessionInfo info) {
        out.printf(Locale.ROOT, FORMAT, info.id(), info.principal() == null ? "-" : info.principal(),
                Instant.ofEpochMilli(info.creationTime()), Instant.ofEpochMilli(info.lastAccessedTime()),
                info.maxInactiveSeconds(), info.attributeNames().size());
    }
}
