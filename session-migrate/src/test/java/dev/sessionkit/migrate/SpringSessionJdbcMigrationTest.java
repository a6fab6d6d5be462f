package dev.sessionkit.migrate;

import dev.sessionkit.testing.jdbc.PostgresDatabase;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end from Spring Session JDBC on PostgreSQL: a real Spring Session app (SessionRepositoryFilter over
 * JdbcIndexedSessionRepository) signs a client in; the server restarts on sessionkit with
 * {@code migrate.from=spring-session-jdbc}; the same cookie jar stays signed in with its cart under a new,
 * signed ID, the old unsigned cookie opens nothing, and Spring's rows are gone.
 */
class SpringSessionJdbcMigrationTest {

    @RegisterExtension
    static final PostgresDatabase database = new PostgresDatabase();

    @BeforeAll
    static void springSchema() throws IOException, SQLException {
        springSchema(database);
    }

    /** Creates Spring Session JDBC's tables, from the schema Spring ships, in {@code springDatabase}. */
    static void springSchema(PostgresDatabase springDatabase) throws IOException, SQLException {
        try (InputStream ddl = JdbcIndexedSessionRepository.class.getResourceAsStream("schema-postgresql.sql")) {
            springDatabase.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSpringSessionUserStaysSignedInAfterTheSwitchUnderANewSignedId() throws SQLException {
        CookieClient browser = signedInOnSpring(database);
        String springCookie = browser.cookie("SESSION");
        assertEquals(1, rows("SPRING_SESSION"));

        try (App sessionkit = App.start(Map.of("store", "jdbc", "jdbc.url", database.url(), "jdbc.user", "postgres",
                "jdbc.create-schema", "true",
                "migrate.from", "spring-session-jdbc", "migrate.from.spring-jdbc.url", database.url(),
                "migrate.from.spring-jdbc.user", "postgres", "migrate.from.spring.java-serialization", "true"))) {

            assertEquals("user=alice cart=book", browser.get(sessionkit.uri("/me")).body(), "still signed in, cart kept");
            String ours = browser.cookie("SESSION");
            assertNotEquals(springCookie, ours);
            assertTrue(ours.contains("."), "a signed sessionkit ID: " + ours);
            assertEquals(0, rows("SPRING_SESSION"), "Spring's session row is gone");
            assertEquals(0, rows("SPRING_SESSION_ATTRIBUTES"), "and its attributes");

            CookieClient thief = new CookieClient();
            thief.setCookie("SESSION", springCookie);
            assertEquals("anonymous", thief.get(sessionkit.uri("/me")).body(), "the old unsigned cookie opens nothing");

            assertEquals("user=alice cart=book,pen", browser.get(sessionkit.uri("/add?item=pen")).body());
            assertEquals("user=alice cart=book,pen", browser.get(sessionkit.uri("/me")).body());
        }
    }

    @Test
    void twoInstancesRacingForTheSameSpringSessionsMoveEachOnceLoseNoUpdateAndResurrectNoLogout() throws SQLException {
        List<String> springCookies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            springCookies.add(signedInOnSpring(database).cookie("SESSION"));
        }
        Map<String, String> window = Map.of("store", "jdbc", "jdbc.url", database.url(), "jdbc.user", "postgres",
                "jdbc.create-schema", "true", "migrate.from", "spring-session-jdbc", "migrate.from.spring-jdbc.url", database.url(),
                "migrate.from.spring-jdbc.user", "postgres", "migrate.from.spring.java-serialization", "true");
        try (App one = App.start(window); App two = App.start(window)) {
            for (String springCookie : springCookies) {
                CookieClient winner = Race.forCookie(springCookie, one, two).winner();

                // Updates through either instance land on the one moved session.
                assertEquals("user=alice cart=book,pen", winner.get(one.uri("/add?item=pen")).body());
                assertEquals("user=alice cart=book,pen,cup", winner.get(two.uri("/add?item=cup")).body());
                assertEquals("user=alice cart=book,pen,cup", winner.get(one.uri("/me")).body());

                assertEquals("anonymous", winner.get(one.uri("/logout")).body());
                CookieClient oldCookie = new CookieClient();
                oldCookie.setCookie("SESSION", springCookie);
                assertEquals("anonymous", oldCookie.get(two.uri("/me")).body(), "the Spring session is not moved again");
                assertEquals("anonymous", oldCookie.get(one.uri("/me")).body());
            }
            assertEquals(0, rows("SPRING_SESSION"), "every Spring session moved");
        }
    }

    /** Signs a new cookie jar in on a real Spring Session JDBC app over {@code springDatabase}, which then stops. */
    static CookieClient signedInOnSpring(PostgresDatabase springDatabase) {
        CookieClient browser = new CookieClient();
        try (JettyServer spring = springApp(springDatabase.dataSource())) {
            URI login = URI.create("http://127.0.0.1:" + spring.port() + "/login?user=alice");
            assertEquals("user=alice cart=book", browser.get(login).body());
        }
        return browser;
    }

    private static JettyServer springApp(DataSource dataSource) {
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        return JettyServer.builder().filter(new SessionRepositoryFilter<>(repository), "/*")
                .servlet(SpringAccountServlet.class, "/login", "/me").start();
    }

    private static long rows(String table) throws SQLException {
        try (var c = database.dataSource().getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
