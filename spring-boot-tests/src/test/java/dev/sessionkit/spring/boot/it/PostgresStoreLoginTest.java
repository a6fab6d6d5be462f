package dev.sessionkit.spring.boot.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.SQLException;
import java.util.Map;

/**
 * The JDBC store on Spring Boot's own DataSource ({@code spring.datasource.url}), on the local PostgreSQL in
 * a database made for this test; two application instances share it.
 */
class PostgresStoreLoginTest extends LoginFlowContract {

    private static final String DATABASE = PostgresDatabase.randomName();

    private static DemoApplication.Running one;
    private static DemoApplication.Running two;

    @BeforeAll
    static void start() throws SQLException {
        PostgresDatabase.create(DATABASE);
        Map<String, String> properties = Map.of("sessionkit.secret", DemoApplication.SECRET,
                "sessionkit.store", "jdbc", "sessionkit.jdbc.create-schema", "true",
                "spring.datasource.url", PostgresDatabase.url(DATABASE), "spring.datasource.username", "postgres");
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
            PostgresDatabase.drop(DATABASE);
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
