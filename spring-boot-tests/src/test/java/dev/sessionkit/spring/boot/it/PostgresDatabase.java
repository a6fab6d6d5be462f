package dev.sessionkit.spring.boot.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the local PostgreSQL (127.0.0.1:5432, user postgres), made and dropped by a test. */
final class PostgresDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private PostgresDatabase() {
    }

    static String randomName() {
        return "sessionkit_boot_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String url(String database) {
        return SERVER + database;
    }

    static void create(String database) throws SQLException {
        admin("CREATE DATABASE " + database);
    }

    static void drop(String database) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
