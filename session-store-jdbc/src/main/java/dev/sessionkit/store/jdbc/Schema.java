package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The DDL shipped in the jar, and the check at start that the tables are there with every column. */
final class Schema {

    private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

    private Schema() {
    }

    /**
     * @return the DDL to create the store's tables in this dialect, with the prefix substituted
     */
    static String ddl(Dialect dialect, String prefix) {
        return ddlResource(dialect.schemaResource(), prefix);
    }

    /** @return a DDL resource beside this class, with the prefix substituted */
    static String ddlResource(String resource, String prefix) {
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that both tables answer a query naming every column the store uses; with {@code create},
     * runs the DDL first (it only creates what is missing).
     *
     * @throws SessionException naming the table and showing the DDL when they do not
     */
    static void ensure(Connection connection, Dialect dialect, Statements sql, String prefix, boolean create) {
        String ddl = ddl(dialect, prefix);
        if (create) {
            try (Statement statement = connection.createStatement()) {
                for (String each : statements(ddl)) {
                    statement.execute(each);
                }
                LOG.log(System.Logger.Level.INFO, "jdbc.create-schema: created the session tables " + sql.sessions
                        + " and " + sql.attributes + " where missing");
            } catch (SQLException e) {
                throw new SessionException("jdbc.create-schema=true, but creating the session tables failed: "
                        + e.getMessage() + ". Create them with this DDL instead:\n" + ddl, e);
            }
        }
        check(connection, sql.sessions, "pk, id, creation_time, last_access_time, max_inactive, expiry_time, principal, previous_id, rotated_at", ddl);
        check(connection, sql.attributes, "session_pk, name, attribute_bytes", ddl);
    }

    /**
     * Checks the lock table that only {@code lock=true} needs.
     *
     * @throws SessionException naming the table and showing the DDL when it is missing
     */
    static void checkLocks(Connection connection, String table, String ddl) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT lineage, holder, lock_until FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new SessionException("lock=true needs the table " + table + ", which is missing or lacks a column ("
                    + e.getMessage() + "). Create it with this DDL (its last statement; the others create only what is"
                    + " missing), or set jdbc.create-schema=true for development:\n" + ddl, e);
        }
    }

    private static void check(Connection connection, String table, String columns, String ddl) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new SessionException("The session table " + table + " is missing or lacks a column ("
                    + e.getMessage() + "). Create the tables with this DDL (shipped in the jar as "
                    + "dev/sessionkit/store/jdbc/schema-*.sql), or set jdbc.create-schema=true for development:\n" + ddl, e);
        }
    }

    /** The DDL's statements, without comments. */
    static List<String> statements(String ddl) {
        String code = Arrays.stream(ddl.split("\n"))
                .filter(line -> !line.trim().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
