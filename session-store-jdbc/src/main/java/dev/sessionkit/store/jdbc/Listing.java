package dev.sessionkit.store.jdbc;

import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.Supplier;

/** The admin API's queries over many sessions, each one statement on an index. */
final class Listing {

    private static final int MAX_PAGE = 1000;

    private final Supplier<Running> running;

    Listing(Supplier<Running> running) {
        this.running = running;
    }

    long count(long now) {
        Running db = running.get();
        return db.database.autoCommit("counting sessions", connection -> {
            try (PreparedStatement count = db.database.prepare(connection, db.sql.count)) {
                count.setLong(1, now);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * The database's estimate of the session rows, expired ones not yet cleaned up included; an exact
     * count where it has none (a table PostgreSQL never analyzed) or counting is cheap (H2).
     */
    long approximateCount(long now) {
        Running db = running.get();
        String estimate = db.dialect.estimatedRows();
        if (estimate == null) {
            return db.database.autoCommit("counting sessions", connection -> {
                try (PreparedStatement count = db.database.prepare(connection, db.sql.countAll);
                     ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }
        long rows = db.database.autoCommit("estimating sessions", connection -> {
            try (PreparedStatement statistics = db.database.prepare(connection, estimate)) {
                statistics.setString(1, db.sql.sessions);
                try (ResultSet result = statistics.executeQuery()) {
                    return result.next() ? result.getLong(1) : -1;
                }
            }
        });
        return rows >= 0 ? rows : count(now);
    }

    SessionPage page(String cursor, int limit, long now) {
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a cursor of this store's listing: " + cursor);
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Running db = running.get();
        List<Rows.Stored> page = db.database.autoCommit("listing sessions", connection -> {
            try (PreparedStatement list = db.database.prepare(connection, db.sql.page)) {
                list.setString(1, SessionInfo.DETAILS_ATTRIBUTE);
                list.setLong(2, after);
                list.setLong(3, now);
                list.setInt(4, size);
                try (ResultSet rows = list.executeQuery()) {
                    return Rows.read(rows);
                }
            }
        });
        String next = page.size() < size ? null : Long.toString(page.get(page.size() - 1).pk());
        return new SessionPage(page.stream().map(stored -> SessionInfo.of(stored.session())).toList(), next);
    }

    List<SessionInfo> ofPrincipal(String principal, long now) {
        Running db = running.get();
        return db.database.autoCommit("listing a user's sessions", connection -> {
            try (PreparedStatement select = db.database.prepare(connection, db.sql.ofPrincipal)) {
                select.setString(1, SessionInfo.DETAILS_ATTRIBUTE);
                select.setString(2, principal);
                select.setLong(3, now);
                try (ResultSet rows = select.executeQuery()) {
                    return Rows.read(rows).stream().map(stored -> SessionInfo.of(stored.session())).toList();
                }
            }
        });
    }

    int deleteAllOf(String principal) {
        Running db = running.get();
        return db.database.autoCommit("deleting a user's sessions", connection -> {
            try (PreparedStatement delete = db.database.prepare(connection, db.sql.deleteOfPrincipal)) {
                delete.setString(1, principal);
                return delete.executeUpdate();
            }
        });
    }
}
