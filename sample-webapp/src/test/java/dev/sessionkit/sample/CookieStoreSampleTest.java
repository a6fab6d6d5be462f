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

/** {@code --store=cookie}: the session travels in the cookie, and the dashboard says why it lists none. */
class CookieStoreSampleTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

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

        Matcher token = CSRF.matcher(browser.get(app.uri("/login")).body());
        assertTrue(token.find());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", token.group(1));
        form.put("username", "carol");
        form.put("password", "demo");
        HttpResponse<String> login = browser.post(app.uri("/login"), form);
        assertEquals(303, login.statusCode(), login.body());

        String dashboard = browser.follow(login).body();
        assertTrue(dashboard.contains("id=\"client-side-note\""), dashboard);
        assertFalse(dashboard.contains("logout-everywhere"), "nothing to log out of elsewhere");
        assertTrue(browser.get(app.uri("/")).body().contains("id=\"visits\">3<"));
    }
}
