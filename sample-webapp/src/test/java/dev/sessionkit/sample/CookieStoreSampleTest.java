package dev.sessionkit.sample;

import dev.sessionkit.testing.CookieClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --store=cookie}: the session travels in the cookie, and the dashboard and admin page say why they list none. */
class CookieStoreSampleTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private SampleApp app;

    @BeforeEach
    void startSample() {
        app = SampleApp.start(SampleOptions.parse(new String[] {"--port=0", "--store=cookie"}, SampleAppTest.ENV::get));
    }

    @AfterEach
    void stopSample() {
        app.close();
    }

    @Test
    void sessionLivesInTheCookieAndTheDashboardExplainsWhyItListsNoSessions() {
        CookieClient browser = new CookieClient();
        assertTrue(browser.get(app.uri("/")).body().contains("id=\"visits\">1<"));
        assertTrue(browser.get(app.uri("/")).body().contains("id=\"visits\">2<"));

        HttpResponse<String> login = login(browser, "carol");

        String dashboard = browser.follow(login).body();
        assertTrue(dashboard.contains("id=\"client-side-note\""), dashboard);
        assertFalse(dashboard.contains("logout-everywhere"), "nothing to log out of elsewhere");
        assertTrue(browser.get(app.uri("/")).body().contains("id=\"visits\">3<"));
    }

    @Test
    void adminPageExplainsThatClientSideSessionsCannotBeListed() {
        CookieClient alice = new CookieClient();
        HttpResponse<String> login = login(alice, "alice");
        assertTrue(alice.follow(login).body().contains("id=\"admin-link\""));

        HttpResponse<String> admin = alice.get(app.uri("/admin"));
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("id=\"client-side-note\""), admin.body());
        assertFalse(admin.body().contains("session-count"), "nothing to count");

        CookieClient bob = new CookieClient();
        login(bob, "bob");
        assertEquals(403, bob.get(app.uri("/admin")).statusCode());
    }

    private HttpResponse<String> login(CookieClient browser, String user) {
        Matcher token = CSRF.matcher(browser.get(app.uri("/login")).body());
        assertTrue(token.find());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", token.group(1));
        form.put("username", user);
        form.put("password", "demo");
        HttpResponse<String> response = browser.post(app.uri("/login"), form);
        assertEquals(303, response.statusCode(), response.body());
        return response;
    }
}
