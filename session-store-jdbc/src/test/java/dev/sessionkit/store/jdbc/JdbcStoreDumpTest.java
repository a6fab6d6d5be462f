package dev.sessionkit.store.jdbc;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.TestSigner;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whoever reads the session tables (a dump, a replica, a backup) finds no value that opens a session: every
 * column of every row, in PostgreSQL, is read raw and searched for the live cookie's ID.
 */
class JdbcStoreDumpTest {

    private static final String SECRET = "dump-secret-0123456789abcdefghijklmnop";

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void noRowOfTheSessionTablesOpensALiveSession() throws SQLException {
        String prefix = TestDatabase.freshPrefix();
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false)
                .store(JdbcSessionStore.builder().dataSource(DATABASE.dataSource()).tablePrefix(prefix).createSchema(true).build())
                .build();
        try (ServletContainer server = JettyServer.builder().filter(new SessionFilter(config), "/*")
                .servlet(new SessionServlet(), "/s/*").start()) {
            CookieClient alice = new CookieClient();
            alice.get(server.uri("/s/set?name=cart&value=3"));
            String id = alice.get(server.uri("/s/login?user=alice")).body(); // fills previous_id too

            List<String> ids = new ArrayList<>();
            String dump = dump(prefix, ids);
            assertTrue(dump.contains("alice"), "the dump holds the session: " + dump);
            assertFalse(dump.contains(id), "no session ID");
            assertFalse(dump.contains(id.substring(SessionIds.LINEAGE_LENGTH)),
                    "nor the 256 bits after the lineage (the lineage, 48 bits, is the key's prefix and hash tag)");

            assertEquals(2, ids.size(), "the ID and the previous ID columns: " + ids);
            for (String storeId : ids) {
                CookieClient thief = new CookieClient();
                thief.setCookie("SESSION", TestSigner.sign(List.of(SECRET), "SESSION", storeId));
                assertEquals("no-session", thief.get(server.uri("/s/get?name=cart")).body());
            }
            assertEquals("3", alice.get(server.uri("/s/get?name=cart")).body(), "the real cookie still works");
        }
    }

    /** Every column of both tables as text; the id and previous_id values are collected in {@code ids}. */
    private static String dump(String prefix, List<String> ids) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DATABASE.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of(prefix + "sessions", prefix + "session_attributes")) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            Object value = rows.getObject(c);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
                            dump.append(columns.getColumnName(c)).append('=').append(text).append(' ');
                            if ((columns.getColumnName(c).equals("id") || columns.getColumnName(c).equals("previous_id")) && value != null) {
                                ids.add(text);
                            }
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
