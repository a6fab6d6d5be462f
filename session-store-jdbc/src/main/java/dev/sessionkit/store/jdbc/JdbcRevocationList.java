package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.StoreHealth;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cookie store's {@link RevocationList} in a database (PostgreSQL, MySQL/MariaDB, H2), for
 * {@code cookie-store.revocation=jdbc}: the tables {@code <prefix>revocations} and
 * {@code <prefix>cookie_sessions} (DDL in the jar as {@code dev/sessionkit/store/jdbc/revocation.sql}).
 *
 * <p>A lookup is one {@code SELECT} over both the lineage's and the principal's row. A revocation or a
 * session record is an {@code UPDATE}, or an {@code INSERT} when there is no row yet; at most once a minute a
 * revocation also deletes the rows past their expiry. Connects in {@link #start}. Database failures throw
 * {@link dev.sessionkit.store.SessionStoreUnavailableException}. Thread-safe.
 */
public final class JdbcRevocationList implements RevocationList {

    private static final long CLEANUP_EVERY_MILLIS = 60_000;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcSessionStore.Builder config;
    private final AtomicLong lastCleanup = new AtomicLong();
    private volatile Connected connected;

    private record Connected(Database database, AutoCloseable ownedPool, String revocations, String sessions) {
    }

    JdbcRevocationList(JdbcSessionStore.Builder config) {
        this.config = config;
    }

    /**
     * @param dataSource   the application's pooled DataSource; the list never closes it
     * @param tablePrefix  prepended to the table names, as for {@link JdbcSessionStore.Builder#tablePrefix}
     * @param createSchema create the tables in {@link #start} when missing (for development)
     * @return a list on that database
     */
    public static JdbcRevocationList of(DataSource dataSource, String tablePrefix, boolean createSchema) {
        return new JdbcRevocationList(JdbcSessionStore.builder().dataSource(dataSource).tablePrefix(tablePrefix)
                .createSchema(createSchema));
    }

    /**
     * Connects, and checks (or creates) the tables.
     *
     * @throws SessionException when the database cannot be reached or a table is missing; the message shows the DDL
     */
    @Override
    public synchronized void start() {
        if (connected != null) {
            return;
        }
        DataSource dataSource = config.dataSource != null ? config.dataSource
                : config.jndiName != null ? DataSources.jndi(config.jndiName)
                : DataSources.pool(config.url, config.user, config.password, config.poolSize, config.timeout);
        AutoCloseable owned = config.url != null ? (AutoCloseable) dataSource : null;
        String revocations = config.tablePrefix + "revocations";
        String sessions = config.tablePrefix + "cookie_sessions";
        String ddl = ddl();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (config.createSchema) {
                for (String each : Schema.statements(ddl)) {
                    statement.execute(each);
                }
            }
            statement.executeQuery("SELECT kind, name, issued_before, expires_at FROM " + revocations + " WHERE 1 = 0").close();
            statement.executeQuery("SELECT principal_hash, lineage, description, expires_at FROM " + sessions + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            close(owned);
            throw new SessionException("The cookie store's revocation tables " + revocations + " and " + sessions
                    + " are missing or unreachable (" + e.getMessage() + "). Create them with this DDL (in the jar as"
                    + " dev/sessionkit/store/jdbc/revocation.sql), or set jdbc.create-schema=true for development:\n" + ddl, e);
        }
        int timeoutSeconds = (int) Math.max(1, (config.timeout.toMillis() + 999) / 1000);
        connected = new Connected(new Database(dataSource, timeoutSeconds, "revocation list"), owned, revocations, sessions);
    }

    @Override
    public Revoked lookup(String lineage, String principal, long now) {
        Connected c = connected();
        return c.database().autoCommit("looking up a revocation", connection -> {
            try (PreparedStatement select = c.database().prepare(connection, "SELECT kind, issued_before FROM "
                    + c.revocations() + " WHERE ((kind = 'l' AND name = ?) OR (kind = 'p' AND name = ?)) AND expires_at > ?")) {
                select.setString(1, hex(lineage));
                select.setString(2, principal == null ? "" : principalHash(principal));
                select.setLong(3, now);
                long byLineage = 0;
                long byPrincipal = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if ("l".equals(rows.getString(1))) {
                            byLineage = rows.getLong(2);
                        } else {
                            byPrincipal = rows.getLong(2);
                        }
                    }
                }
                return new Revoked(byLineage, byPrincipal);
            }
        });
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        revoke("l", hex(lineage), issuedBefore, expiresAt);
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        revoke("p", principalHash(principal), issuedBefore, expiresAt);
    }

    @Override
    public void recordSession(String principal, String lineage, String description, long expiresAt) {
        Connected c = connected();
        upsert(c, "recording a cookie session",
                "UPDATE " + c.sessions() + " SET description = ?, expires_at = ? WHERE principal_hash = ? AND lineage = ?",
                "INSERT INTO " + c.sessions() + " (description, expires_at, principal_hash, lineage) VALUES (?, ?, ?, ?)",
                description, expiresAt, principalHash(principal), hex(lineage));
    }

    @Override
    public Map<String, String> sessionsOf(String principal, long now) {
        Connected c = connected();
        return c.database().autoCommit("listing cookie sessions", connection -> {
            try (PreparedStatement select = c.database().prepare(connection, "SELECT lineage, description FROM "
                    + c.sessions() + " WHERE principal_hash = ? AND expires_at > ?")) {
                select.setString(1, principalHash(principal));
                select.setLong(2, now);
                Map<String, String> live = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        live.put(new String(HEX.parseHex(rows.getString(1)), StandardCharsets.UTF_8), rows.getString(2));
                    }
                }
                return live;
            }
        });
    }

    @Override
    public void forgetSessions(String principal, Iterable<String> lineages) {
        Connected c = connected();
        c.database().transaction("forgetting cookie sessions", connection -> {
            try (PreparedStatement delete = c.database().prepare(connection, "DELETE FROM " + c.sessions()
                    + " WHERE principal_hash = ? AND lineage = ?")) {
                for (String lineage : lineages) {
                    delete.setString(1, principalHash(principal));
                    delete.setString(2, hex(lineage));
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** @return a validity check on a pooled connection; down before {@link #start} */
    @Override
    public StoreHealth health() {
        Connected c = connected;
        return c == null ? StoreHealth.down(Duration.ZERO, "The revocation list is not started") : c.database().health();
    }

    /** Closes the pool when the list built it ({@code jdbc.url}). */
    @Override
    public synchronized void close() {
        if (connected != null) {
            close(connected.ownedPool());
            connected = null;
        }
    }

    /** @return the tables */
    @Override
    public String toString() {
        return "JdbcRevocationList[" + config.tablePrefix + "revocations, " + config.tablePrefix + "cookie_sessions]";
    }

    private void revoke(String kind, String name, long issuedBefore, long expiresAt) {
        Connected c = connected();
        upsert(c, "recording a revocation",
                "UPDATE " + c.revocations() + " SET issued_before = GREATEST(issued_before, ?), expires_at = GREATEST(expires_at, ?)"
                        + " WHERE kind = ? AND name = ?",
                "INSERT INTO " + c.revocations() + " (issued_before, expires_at, kind, name) VALUES (?, ?, ?, ?)",
                issuedBefore, expiresAt, kind, name);
        long now = System.currentTimeMillis();
        long last = lastCleanup.get();
        if (now - last >= CLEANUP_EVERY_MILLIS && lastCleanup.compareAndSet(last, now)) {
            c.database().autoCommit("deleting expired revocations", connection -> {
                for (String table : new String[] {c.revocations(), c.sessions()}) {
                    try (PreparedStatement delete = c.database().prepare(connection, "DELETE FROM " + table + " WHERE expires_at <= ?")) {
                        delete.setLong(1, now);
                        delete.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    /** An UPDATE of the row, else an INSERT; a concurrent INSERT that won makes the UPDATE run again. */
    private static void upsert(Connected c, String what, String update, String insert, Object... values) {
        c.database().transaction(what, connection -> {
            for (int attempt = 0; ; attempt++) {
                if (execute(c, connection, update, values) > 0) {
                    return null;
                }
                try {
                    execute(c, connection, insert, values);
                    return null;
                } catch (SQLException e) {
                    if (!Database.isUniqueViolation(e) || attempt > 0) {
                        throw e;
                    }
                    connection.rollback();
                }
            }
        });
    }

    private static int execute(Connected c, Connection connection, String sql, Object[] values) throws SQLException {
        try (PreparedStatement statement = c.database().prepare(connection, sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private Connected connected() {
        Connected c = connected;
        if (c == null) {
            throw new IllegalStateException("The JDBC revocation list is not started: the cookie store starts it");
        }
        return c;
    }

    private String ddl() {
        return Schema.ddlResource("revocation.sql", config.tablePrefix);
    }

    static String hex(String value) {
        return HEX.formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    static String principalHash(String principal) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static void close(AutoCloseable pool) {
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                System.getLogger(JdbcRevocationList.class.getName()).log(System.Logger.Level.WARNING,
                        "Closing the revocation list's connection pool failed", e);
            }
        }
    }
}
