package dev.sessionkit.spring.boot.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.SetCookie;
import io.micrometer.observation.Observation;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring Security's form login on sessionkit, as a user's browser would go through it, on one store. Each
 * store's test starts its applications once and hands them over through {@link #server()} and
 * {@link #otherServer()} (another instance on the same store where the store is shared).
 */
@Tag("tomcat")
abstract class LoginFlowContract {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    abstract DemoApplication.Running server();

    abstract DemoApplication.Running otherServer();

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "no _csrf field in:\n" + html);
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** Goes to the protected page, is sent to the login form, logs in; returns the response to the POST. */
    static HttpResponse<String> login(CookieClient client, DemoApplication.Running app, boolean rememberMe) {
        HttpResponse<String> protectedPage = client.get(app.uri("/private"));
        assertEquals(302, protectedPage.statusCode());
        HttpResponse<String> form = client.follow(protectedPage);
        assertEquals(200, form.statusCode(), form.body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", DemoApplication.USER);
        fields.put("password", DemoApplication.PASSWORD);
        fields.put("_csrf", csrfOf(form.body()));
        if (rememberMe) {
            fields.put("remember-me", "on");
        }
        return client.post(app.uri("/login"), fields);
    }

    private static void assertNoContainerSession(CookieClient client) {
        for (SetCookie cookie : client.lastSetCookies()) {
            assertNotEquals("JSESSIONID", cookie.name(), "the container sent its own session cookie");
        }
        assertNull(client.cookie("JSESSIONID"));
    }

    @Test
    void formLoginRotatesTheSessionIdAndRedirectsBackToTheSavedRequest() {
        CookieClient client = new CookieClient();
        HttpResponse<String> protectedPage = client.get(server().uri("/private"));
        assertEquals(302, protectedPage.statusCode());
        String before = client.cookie("SESSION");
        assertNotNull(before, "the saved request needs a session");
        assertNoContainerSession(client);

        HttpResponse<String> form = client.follow(protectedPage);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", DemoApplication.USER);
        fields.put("password", DemoApplication.PASSWORD);
        fields.put("_csrf", csrfOf(form.body()));
        HttpResponse<String> loggedIn = client.post(server().uri("/login"), fields);
        assertEquals(302, loggedIn.statusCode(), loggedIn.body());
        String after = client.cookie("SESSION");
        assertNotEquals(before, after, "the session ID must change at login");
        String location = loggedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(URI.create(location).getPath().endsWith("/private"), location);
        assertNoContainerSession(client);

        HttpResponse<String> page = client.follow(loggedIn);
        assertEquals(200, page.statusCode());
        assertEquals("hello " + DemoApplication.USER, page.body());
        assertNoContainerSession(client);
    }

    @Test
    void aLoginPostWithoutTheCsrfTokenIsRefused() {
        CookieClient client = new CookieClient();
        client.follow(client.get(server().uri("/private")));
        HttpResponse<String> refused = client.post(server().uri("/login"),
                Map.of("username", DemoApplication.USER, "password", DemoApplication.PASSWORD));
        assertEquals(403, refused.statusCode());
        assertEquals(302, client.get(server().uri("/private")).statusCode());
    }

    @Test
    void theOldSessionIdIsDeadAfterLogin() {
        CookieClient client = new CookieClient();
        client.get(server().uri("/private"));
        String before = client.cookie("SESSION");
        CookieClient attacker = new CookieClient();
        attacker.setCookie("SESSION", before);
        client.follow(client.get(server().uri("/private")));
        assertEquals(302, login(client, server(), false).statusCode());
        HttpResponse<String> fixated = attacker.get(server().uri("/private"));
        assertEquals(302, fixated.statusCode(), "the pre-login session ID must not carry the login");
    }

    @Test
    void logoutInvalidatesTheSessionAndClearsTheCookie() {
        CookieClient client = new CookieClient();
        client.follow(login(client, server(), false));
        String loggedInId = client.cookie("SESSION");
        HttpResponse<String> logoutPage = client.get(server().uri("/logout"));
        assertEquals(200, logoutPage.statusCode());
        HttpResponse<String> loggedOut = client.post(server().uri("/logout"), Map.of("_csrf", csrfOf(logoutPage.body())));
        assertEquals(302, loggedOut.statusCode());
        SetCookie cleared = client.lastSetCookie("SESSION");
        assertNotNull(cleared, "logout must clear the session cookie");
        assertEquals("", cleared.value());
        assertEquals(302, client.get(server().uri("/private")).statusCode());

        CookieClient replay = new CookieClient();
        replay.setCookie("SESSION", loggedInId);
        assertEquals(302, replay.get(server().uri("/private")).statusCode(), "the logged-out session must be gone from the store");
    }

    @Test
    void rememberMeLogsTheUserBackInWithoutTheSession() {
        CookieClient client = new CookieClient();
        client.follow(login(client, server(), true));
        String rememberMe = client.cookie("remember-me");
        assertNotNull(rememberMe, "no remember-me cookie");

        CookieClient afterRestart = new CookieClient();
        afterRestart.setCookie("remember-me", rememberMe);
        HttpResponse<String> page = afterRestart.get(server().uri("/private"));
        assertEquals(200, page.statusCode());
        assertEquals("hello " + DemoApplication.USER, page.body());
        assertNotNull(afterRestart.cookie("SESSION"), "remember-me login should start a sessionkit session");
    }

    @Test
    void aSecondLoginExpiresTheFirstOnTheOtherServer() {
        CookieClient first = new CookieClient();
        assertEquals(200, first.follow(login(first, server(), false)).statusCode());
        CookieClient second = new CookieClient();
        assertEquals(200, second.follow(login(second, otherServer(), false)).statusCode());

        assertEquals(302, first.get(server().uri("/private")).statusCode(), "maximumSessions(1) must end the older login");
        assertEquals(200, second.get(otherServer().uri("/private")).statusCode());
    }

    @Test
    void eachStoreCallOfALoginIsAnObservationOnBootsRegistryNamingTheStoreAndOperationOnly() {
        RecordedObservations recorded = server().context().getBean(RecordedObservations.class);
        recorded.drain();
        CookieClient client = new CookieClient();
        assertEquals(200, client.follow(login(client, server(), false)).statusCode());

        List<Observation.Context> observations = recorded.drain();
        String store = server().context().getEnvironment().getProperty("sessionkit.store", "memory");
        Set<String> operations = new HashSet<>();
        for (Observation.Context observation : observations) {
            assertEquals("sessionkit.store", observation.getName());
            Map<String, String> keys = new HashMap<>();
            observation.getLowCardinalityKeyValues().forEach(kv -> keys.put(kv.getKey(), kv.getValue()));
            assertEquals(Set.of("store", "operation", "outcome"), keys.keySet(), keys.toString());
            assertEquals(store, keys.get("store"));
            assertEquals("ok", keys.get("outcome"));
            assertFalse(observation.getHighCardinalityKeyValues().iterator().hasNext(), "a session ID could be in a span");
            operations.add(keys.get("operation"));
        }
        assertTrue(operations.containsAll(Set.of("load", "save", "rotate")), "observed: " + operations);
    }

    @Test
    void theStoreReportsHealthThroughActuator() throws Exception {
        HttpResponse<String> health = new CookieClient().get(server().uri("/actuator/health"));
        assertEquals(200, health.statusCode(), health.body());
        JsonNode sessionkit = new ObjectMapper().readTree(health.body()).path("components").path("sessionkit");
        assertEquals("UP", sessionkit.path("status").asText(), health.body());
        assertTrue(sessionkit.path("details").path("store").asText().endsWith("SessionStore"), health.body());
    }

    @Test
    void theContainerTracksNoSessionsOfItsOwn() {
        ServletContext servletContext = ((WebApplicationContext) server().context()).getServletContext();
        assertNotNull(servletContext);
        assertTrue(servletContext.getEffectiveSessionTrackingModes().isEmpty(),
                "the container would send JSESSIONID: " + servletContext.getEffectiveSessionTrackingModes());
    }

    @Test
    void springSessionIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.springframework.session.Session"));
        assertFalse(server().context().getBeanFactory().containsBean("springSessionRepositoryFilter"));
    }
}
