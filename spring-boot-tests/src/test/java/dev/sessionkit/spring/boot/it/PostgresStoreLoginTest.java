package dev.sessionkit.spring.boot.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The JDBC store on Spring Boot's own DataSource ({@code spring.datasource.url}), on the local PostgreSQL in
 * a database made for this test; two application instances share it.
 */
class PostgresStoreLoginTest extends LoginFlowContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "sessionkit_boot_" + UUID.randomUUID().toString().replace("-", "");

    private static DemoApplication.Running one;
    private static DemoApplication.Running two;

    @BeforeAll
    static void start() throws SQLException {
        admin("CREATE DATABASE " + DATABASE);
        Map<String, String> properties = Map.of("sessionkit.secret", DemoApplication.SECRET,
                "sessionkit.store", "jdbc", "sessionkit.jdbc.create-schema", "true",
                "spring.datasource.url", SERVER + DATABASE, "spring.datasource.username", "postgres");
        one = DemoApplication.start(properties);
        two = DemoApplication.start(properties);
    }

    @AfterAll
    static void stop() throws SQLException {
        try {
            if (one != null) {
                one.close();
            }
            if (two != null) {
                two.close();
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    DemoApplication.Running server() {
        return one;
    }

    @Override
    DemoApplication.Running otherServer() {
        return two;
    }
}
