package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.RevocationList.Revoked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cookie store's JDBC revocation list on each database: subclasses give it. */
abstract class JdbcRevocationListContract {

    private static final long NOW = System.currentTimeMillis();
    private static final long LATER = NOW + 3_600_000;

    private String prefix;
    private JdbcRevocationList list;

    abstract TestDatabase database();

    @BeforeEach
    void startList() {
        prefix = TestDatabase.freshPrefix();
        list = JdbcRevocationList.of(database().dataSource(), prefix, true);
        list.start();
    }

    @AfterEach
    void closeList() {
        list.close();
    }

    @Test
    void oneLookupFindsTheLineageAndThePrincipal() {
        list.revokeLineage("AbCdEfGh", 11, LATER);
        list.revokePrincipal("Alice", 22, LATER);

        assertEquals(new Revoked(11, 22), list.lookup("AbCdEfGh", "Alice", NOW));
        assertEquals(new Revoked(11, 0), list.lookup("AbCdEfGh", null, NOW));
        assertEquals(Revoked.NONE, list.lookup("abcdefgh", "alice", NOW), "names differing in case are other names");
    }

    @Test
    void aRevocationNeverMovesBackNorExpiresSooner() {
        list.revokeLineage("AAAAAAAA", RevocationList.FOREVER, LATER);

        list.revokeLineage("AAAAAAAA", 7, NOW + 1);

        assertEquals(RevocationList.FOREVER, list.lookup("AAAAAAAA", null, LATER - 1).lineageIssuedBefore());
        assertEquals(0, list.lookup("AAAAAAAA", null, LATER).lineageIssuedBefore());
    }

    @Test
    void aRevocationDeletesExpiredRows() throws SQLException {
        list.revokePrincipal("old", 5, System.currentTimeMillis() - 1);
        JdbcRevocationList another = JdbcRevocationList.of(database().dataSource(), prefix, false);
        another.start();

        another.revokePrincipal("new", 5, LATER);

        assertEquals(1, count(prefix + "revocations"));
        another.close();
    }

    @Test
    void sessionRecordsAreKeptPerUserUntilForgotten() {
        list.recordSession("alice", "AAAAAAAA", "first", LATER);
        list.recordSession("alice", "AAAAAAAA", "refreshed", LATER);
        list.recordSession("alice", "BBBBBBBB", "expired", NOW - 1);
        list.recordSession("bob", "CCCCCCCC", "bob's", LATER);

        assertEquals(Map.of("AAAAAAAA", "refreshed"), list.sessionsOf("alice", NOW));

        list.forgetSessions("alice", List.of("AAAAAAAA"));

        assertEquals(Map.of(), list.sessionsOf("alice", NOW));
        assertEquals(Map.of("CCCCCCCC", "bob's"), list.sessionsOf("bob", NOW));
    }

    @Test
    void missingTablesFailStartShowingTheDdl() {
        JdbcRevocationList missing = JdbcRevocationList.of(database().dataSource(), TestDatabase.freshPrefix(), false);

        SessionException e = assertThrows(SessionException.class, missing::start);

        assertTrue(e.getMessage().contains("CREATE TABLE IF NOT EXISTS") && e.getMessage().contains("jdbc.create-schema=true"),
                e.getMessage());
    }

    private long count(String table) throws SQLException {
        try (var connection = database().dataSource().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
