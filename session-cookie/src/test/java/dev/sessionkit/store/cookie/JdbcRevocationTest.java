package dev.sessionkit.store.cookie;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.jdbc.JdbcRevocationList;
import dev.sessionkit.testing.CookieClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Revocation with the JDBC list on the machine's PostgreSQL (127.0.0.1:5432, user postgres), in a database
 * of its own, in embedded Jetty. The list's DataSource counts the lookups it prepares and can be switched off.
 */
class JdbcRevocationTest extends RevocationFilterContract {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DATABASE = "sk_rev_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static HikariDataSource pool;

    private final AtomicLong lookups = new AtomicLong();
    private volatile boolean down;
    private String prefix;

    @BeforeAll
    static void createDatabase() throws SQLException {
        admin("CREATE DATABASE " + DATABASE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (pool != null) {
            pool.close();
        }
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected RevocationList newList() {
        prefix = "t" + PREFIXES.incrementAndGet() + "_";
        return JdbcRevocationList.of(counting(pool), prefix, true);
    }

    @Override
    protected long lookups() {
        return lookups.get();
    }

    @Override
    protected void forgetRecords(String principal) {
        query("DELETE FROM " + prefix + "cookie_sessions");
    }

    @Test
    void entriesExpireWithTheAbsoluteTimeout() {
        CookieClient browser = loggedIn("alice");
        long before = System.currentTimeMillis();
        get(browser, "/s/invalidate");
        get(new CookieClient(), "/admin/logout-everywhere?user=bob");
        long after = System.currentTimeMillis();

        assertEquals(2, query("SELECT COUNT(*) FROM " + prefix + "revocations WHERE expires_at BETWEEN "
                + (before + ABSOLUTE.toMillis()) + " AND " + (after + ABSOLUTE.toMillis())));
        assertEquals(1, query("SELECT COUNT(*) FROM " + prefix + "cookie_sessions WHERE expires_at BETWEEN "
                + (before - 60_000 + ABSOLUTE.toMillis()) + " AND " + (after + ABSOLUTE.toMillis())));
    }

    @Test
    void databaseDownAnswers503AndServesNoSession() {
        CookieClient browser = loggedIn("alice");
        down = true;
        try {
            HttpResponse<String> response = browser.get(server.uri("/s/principal"));

            assertEquals(503, response.statusCode(), response.body());
            assertFalse(response.body().contains("alice"), response.body());
        } finally {
            down = false;
        }
        assertEquals("alice", get(browser, "/s/principal"), "back when the database is");
    }

    @Test
    void theLineageIsStoredAsHexSoNoCollationConfusesTwo() {
        CookieClient browser = loggedIn("alice");
        String lineage = sessionId(browser).substring(0, 8);

        get(browser, "/s/invalidate");

        assertEquals(1, query("SELECT COUNT(*) FROM " + prefix + "revocations WHERE kind = 'l' AND name = '"
                + HexFormat.of().formatHex(lineage.getBytes(StandardCharsets.UTF_8)) + "'"));
    }

    @Test
    void aRevocationNeverMovesBack() {
        JdbcRevocationList list = JdbcRevocationList.of(pool, "back_", true);
        list.start();
        long now = System.currentTimeMillis();
        list.revokeLineage("AAAAAAAA", RevocationList.FOREVER, now + 100_000);

        list.revokeLineage("AAAAAAAA", 7, now + 50_000);

        assertEquals(RevocationList.FOREVER, list.lookup("AAAAAAAA", null, now).lineageIssuedBefore());
        assertEquals(0, list.lookup("AAAAAAAA", null, now + 100_000).lineageIssuedBefore(), "expired at the later time");
        assertEquals(RevocationList.FOREVER, list.lookup("AAAAAAAA", null, now + 99_999).lineageIssuedBefore());
    }

    private long query(String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            if (!sql.startsWith("SELECT")) {
                return statement.executeUpdate(sql);
            }
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool, counting the revocation lookups prepared on it, and failing every connection while {@link #down}. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (down) {
                            throw new SQLException("Connection refused (test: database down)", "08001");
                        }
                        Connection connection = (Connection) invoke(method, target, args);
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("prepareStatement") && ((String) a[0]).startsWith("SELECT kind, issued_before")) {
                                        lookups.incrementAndGet();
                                    }
                                    return invoke(m, connection, a);
                                });
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
