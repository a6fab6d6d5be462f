package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.ForeignSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreHealth;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Spring Session JDBC's sessions ({@code SPRING_SESSION} and {@code SPRING_SESSION_ATTRIBUTES}), read-only,
 * as the old store of a migration ({@code migrate.from=spring-session-jdbc}).
 *
 * <p>{@link #load} takes Spring's {@code SESSION} cookie value (base64 of the session's UUID) and reads the
 * session with one SELECT; attributes go through {@link SpringAttributes}. The principal is Spring's
 * {@code PRINCIPAL_NAME} column. {@link #delete} removes the session row (its attributes follow by
 * Spring's {@code ON DELETE CASCADE}) and is true for exactly one caller, which is the migration's claim.
 * Nothing else is ever written. Thread-safe.
 */
public final class SpringSessionJdbcStore implements ForeignSessionStore {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private final SpringAttributes attributes;

    private SpringSessionJdbcStore(DataSource dataSource, String table, SpringAttributes attributes) {
        this.dataSource = dataSource;
        this.table = table;
        this.attributes = attributes;
    }

    /**
     * @param dataSource Spring Session's database
     * @param table      Spring's table name, {@code SPRING_SESSION} by default; attributes are in
     *                   {@code <table>_ATTRIBUTES}
     * @param attributes how attribute bytes are read
     * @return the store
     * @throws SessionException when an argument is missing or the table name is not a plain SQL name
     */
    public static SpringSessionJdbcStore of(DataSource dataSource, String table, SpringAttributes attributes) {
        if (dataSource == null || attributes == null) {
            throw new SessionException("Spring Session JDBC import needs a DataSource (spring-jdbc.url) and attribute settings");
        }
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new SessionException("spring-jdbc.table-name must be a plain SQL table name such as SPRING_SESSION, was '"
                    + table + "'");
        }
        return new SpringSessionJdbcStore(dataSource, table, attributes);
    }

    @Override
    public LoadResult load(String cookieValue, long now, long touchAfterMillis) {
        String id = SpringCookies.sessionId(cookieValue);
        if (id == null) {
            return LoadResult.ABSENT;
        }
        String sql = "SELECT S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, S.EXPIRY_TIME, S.PRINCIPAL_NAME,"
                + " A.ATTRIBUTE_NAME, A.ATTRIBUTE_BYTES FROM " + table + " S LEFT JOIN " + table + "_ATTRIBUTES A"
                + " ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID WHERE S.SESSION_ID = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return LoadResult.ABSENT;
                }
                long created = rows.getLong(1);
                long accessed = rows.getLong(2);
                int maxInactive = rows.getInt(3);
                long expiry = rows.getLong(4);
                String principal = rows.getString(5);
                if (maxInactive > 0 && expiry < now) {
                    return LoadResult.ABSENT; // Spring's own cleanup removes it
                }
                Map<String, byte[]> mapped = new LinkedHashMap<>();
                do {
                    String name = rows.getString(6);
                    byte[] bytes = rows.getBytes(7);
                    if (name != null && bytes != null) {
                        byte[] value = attributes.map(name, bytes);
                        if (value != null) {
                            mapped.put(name, value);
                        }
                    }
                } while (rows.next());
                return LoadResult.found(new SessionData(id, created, accessed, maxInactive, principal, mapped));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean delete(String id, long now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE SESSION_ID = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE EXPIRY_TIME >= ?")) {
            s.setLong(1, System.currentTimeMillis());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public StoreHealth health() {
        long start = System.nanoTime();
        try {
            count();
            return StoreHealth.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - start), "Spring Session JDBC: " + e.getMessage());
        }
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        throw readOnly();
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        throw readOnly();
    }

    private static SessionException readOnly() {
        return new SessionException("Spring Session's store is only read, as migrate.from: set store to a sessionkit store"
                + " (redis, jdbc, memory) and migrate.from=spring-session-jdbc");
    }

    private SessionStoreUnavailableException unavailable(SQLException e) {
        return new SessionStoreUnavailableException("Spring Session's database (table " + table + ") cannot be read: "
                + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "spring-session-jdbc(" + table + ")";
    }
}
