package dev.sessionkit.spring.boot.it;

import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring Security's OpenID Connect login ({@code oauth2Login()}) on sessionkit, against {@link OidcProvider} on
 * loopback: the authorization request, then the {@code OAuth2AuthenticationToken} with its {@code DefaultOidcUser},
 * ID token and user info, go through the store as JSON. On memory, and on Redis and PostgreSQL with a second instance
 * reading the login the first one stored.
 */
@Tag("tomcat")
class OidcLoginTest {

    private static final String DATABASE = PostgresDatabase.randomName();

    private static OidcProvider provider;
    private static RedisServer redis;
    private static DemoApplication.Running memory;
    private static DemoApplication.Running redisOne;
    private static DemoApplication.Running redisTwo;
    private static DemoApplication.Running jdbcOne;
    private static DemoApplication.Running jdbcTwo;

    @BeforeAll
    static void start() throws SQLException {
        provider = OidcProvider.start();
        redis = RedisServer.start();
        memory = startApp(DemoApplication.withoutDatabase(Map.of()));
        Map<String, String> onRedis = DemoApplication.withoutDatabase(
                Map.of("sessionkit.store", "redis", "sessionkit.redis.uri", redis.uri()));
        redisOne = startApp(onRedis);
        redisTwo = startApp(onRedis);
        PostgresDatabase.create(DATABASE);
        Map<String, String> onJdbc = Map.of("sessionkit.store", "jdbc", "sessionkit.jdbc.create-schema", "true",
                "spring.datasource.url", PostgresDatabase.url(DATABASE), "spring.datasource.username", "postgres");
        jdbcOne = startApp(onJdbc);
        jdbcTwo = startApp(onJdbc);
    }

    @AfterAll
    static void stop() throws SQLException {
        for (AutoCloseable closeable : new AutoCloseable[]{memory, redisOne, redisTwo, jdbcOne, jdbcTwo, redis, provider}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        PostgresDatabase.drop(DATABASE);
    }

    private static DemoApplication.Running startApp(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("sessionkit.secret", DemoApplication.SECRET);
        all.put("test.oidc.issuer", provider.issuer());
        return DemoApplication.start(OidcApplication.class, all);
    }

    private static String expectedMe() {
        return String.join("|", "OAuth2AuthenticationToken", "DefaultOidcUser", OidcApplication.REGISTRATION,
                OidcProvider.SUBJECT, OidcProvider.NAME, OidcProvider.EMAIL, provider.issuer());
    }

    /**
     * Goes to the protected page and through the provider back to it, as a browser would; checks the ID
     * rotated at login and the saved request led back.
     *
     * @return the session cookie after login
     */
    private static String logInThroughTheProvider(CookieClient client, DemoApplication.Running app) {
        HttpResponse<String> protectedPage = client.get(app.uri("/private"));
        assertEquals(302, protectedPage.statusCode());
        String before = client.cookie("SESSION");
        assertNotNull(before, "the saved request and the authorization request need a session");

        HttpResponse<String> toProvider = client.follow(protectedPage);
        assertEquals(302, toProvider.statusCode(), toProvider.body());
        URI authorize = toProvider.request().uri().resolve(toProvider.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/authorize?"), authorize.toString());

        HttpResponse<String> backWithCode = client.follow(toProvider);
        assertEquals(302, backWithCode.statusCode(), backWithCode.body());
        HttpResponse<String> loggedIn = client.follow(backWithCode);
        assertEquals(302, loggedIn.statusCode(), loggedIn.body());
        String location = loggedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(URI.create(location).getPath().endsWith("/private"), "not sent back to the saved request: " + location);
        String after = client.cookie("SESSION");
        assertNotEquals(before, after, "the session ID must change at login");

        HttpResponse<String> page = client.follow(loggedIn);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("hello " + OidcProvider.SUBJECT, page.body());
        assertEquals(302, fresh(before).get(app.uri("/private")).statusCode(), "the pre-login session ID must not carry the login");
        return after;
    }

    private static CookieClient fresh(String session) {
        CookieClient client = new CookieClient();
        client.setCookie("SESSION", session);
        return client;
    }

    /** Logs in on {@code loginServer}, then reads the stored login back with the session cookie alone on {@code reader}. */
    private static void assertTheOidcUserIsReadBack(DemoApplication.Running loginServer, DemoApplication.Running reader) {
        String session = logInThroughTheProvider(new CookieClient(), loginServer);

        HttpResponse<String> me = fresh(session).get(reader.uri("/me"));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(expectedMe(), me.body());
    }

    @Test
    void anOidcLoginOnTheMemoryStoreKeepsTheOidcUserAcrossRequests() {
        assertTheOidcUserIsReadBack(memory, memory);
    }

    @Test
    void anOidcLoginStoredInRedisByOneServerIsReadByTheOther() {
        assertTheOidcUserIsReadBack(redisOne, redisTwo);
    }

    @Test
    void anOidcLoginStoredInPostgresByOneServerIsReadByTheOther() {
        assertTheOidcUserIsReadBack(jdbcOne, jdbcTwo);
    }
}
