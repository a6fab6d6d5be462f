package dev.sessionkit.sample;

import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a visitor of the sample sees over HTTP, whichever way it is deployed: subclasses start it (embedded
 * Jetty via SampleApp, or the WAR's web.xml in Tomcat) with the in-memory store.
 */
public abstract class SampleFlowContract {

    protected static final String COOKIE = "SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern VISITS = Pattern.compile("id=\"visits\">(\\d+)<");
    private static final Pattern PREFIX = Pattern.compile("id=\"session-prefix\">([^<]+)<");
    private static final Pattern ROW = Pattern.compile("<tr class=\"session\">(.*?)</tr>");
    private static final Pattern HANDLE = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");

    /** A started sample. */
    protected interface RunningSample extends AutoCloseable {
        /** @return the address of {@code path} inside the application */
        URI uri(String path);

        /** @return the context path, {@code ""} for the root */
        String contextPath();

        @Override
        void close();
    }

    private RunningSample app;

    /** @return the sample, started with the in-memory store and {@code cookie.secure=false} */
    protected abstract RunningSample start();

    @BeforeEach
    void startSample() {
        app = start();
    }

    @AfterEach
    void stopSample() {
        app.close();
    }

    @Test
    public void loginRotatesTheSessionCookieAndKeepsTheVisitCounter() {
        CookieClient browser = new CookieClient();
        assertEquals("1", visits(page(browser, "/")));
        assertEquals("2", visits(page(browser, "/")));
        String before = browser.cookie(COOKIE);

        HttpResponse<String> login = login(browser, "alice");
        String after = browser.cookie(COOKIE);
        assertNotEquals(before, after, "login gives the session a new ID");
        SetCookie cookie = browser.lastSetCookie(COOKIE);
        assertTrue(cookie.has("HttpOnly"));
        assertEquals("Lax", cookie.attribute("SameSite"));

        String dashboard = ok(browser.follow(login));
        assertTrue(dashboard.contains("Signed in as <span id=\"principal\">alice</span>"), dashboard);
        assertEquals("3", visits(page(browser, "/")), "the counter survived the new ID");
    }

    @Test
    public void dashboardShowsOnlyAPrefixOfTheSessionId() {
        CookieClient browser = new CookieClient();
        login(browser, "alice");
        String dashboard = page(browser, "/dashboard");
        String id = browser.cookie(COOKIE).substring(0, browser.cookie(COOKIE).indexOf('.'));
        assertEquals(id.substring(0, 8), match(PREFIX, dashboard));
        assertFalse(dashboard.contains(id), "the whole ID never appears in a page");
    }

    @Test
    public void logoutEndsTheSessionAndClearsTheCookie() {
        CookieClient browser = new CookieClient();
        login(browser, "alice");
        String stolen = browser.cookie(COOKIE);

        HttpResponse<String> logout = browser.post(app.uri("/logout"), form(page(browser, "/dashboard")));
        assertRedirect(logout, "/");
        assertNull(browser.cookie(COOKIE), "the cookie is cleared");
        assertRedirect(browser.get(app.uri("/dashboard")), "/login");

        CookieClient replay = new CookieClient();
        replay.setCookie(COOKIE, stolen);
        assertRedirect(replay.get(app.uri("/dashboard")), "/login");
    }

    @Test
    public void postWithoutTheSessionsCsrfTokenIsForbidden() {
        CookieClient browser = new CookieClient();
        page(browser, "/login");
        Map<String, String> credentials = Map.of("username", "alice", "password", "demo");
        assertEquals(403, browser.post(app.uri("/login"), credentials).statusCode(), "no token");

        Map<String, String> forged = new LinkedHashMap<>(credentials);
        forged.put("csrf", "forged-token-of-the-right-length-0123456789a");
        assertEquals(403, browser.post(app.uri("/login"), forged).statusCode(), "wrong token");

        CookieClient other = new CookieClient();
        forged.put("csrf", match(CSRF, page(other, "/login")));
        assertEquals(403, browser.post(app.uri("/login"), forged).statusCode(), "another session's token");
        assertRedirect(browser.get(app.uri("/dashboard")), "/login");
    }

    @Test
    public void wrongPasswordIsRefusedAndTheTypedNameEscaped() {
        CookieClient browser = new CookieClient();
        Map<String, String> form = form(page(browser, "/login"));
        form.put("username", "<script>alert(1)</script>");
        form.put("password", "demo");
        HttpResponse<String> response = browser.post(app.uri("/login"), form);
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), response.body());
        assertFalse(response.body().contains("<script>"));

        form.put("username", "alice");
        form.put("password", "wrong");
        assertEquals(401, browser.post(app.uri("/login"), form).statusCode());
    }

    @Test
    public void revokeEndsAnotherBrowsersSessionOfTheSameUser() {
        CookieClient laptop = new CookieClient();
        CookieClient phone = new CookieClient();
        login(laptop, "alice");
        login(phone, "alice");

        String dashboard = page(phone, "/dashboard");
        assertTrue(dashboard.contains("Active sessions (2)"), dashboard);
        String laptopRow = rows(dashboard).stream().filter(row -> !row.contains("this browser")).findFirst().orElseThrow();
        Map<String, String> revoke = form(dashboard);
        revoke.put("session", match(HANDLE, laptopRow));
        assertRedirect(phone.post(app.uri("/sessions/revoke"), revoke), "/dashboard");

        assertRedirect(laptop.get(app.uri("/dashboard")), "/login");
        assertTrue(page(phone, "/dashboard").contains("Active sessions (1)"));
    }

    @Test
    public void logoutEverywhereEndsEverySessionOfTheUserOnly() {
        CookieClient laptop = new CookieClient();
        CookieClient phone = new CookieClient();
        CookieClient bob = new CookieClient();
        login(laptop, "alice");
        login(phone, "alice");
        login(bob, "bob");

        assertRedirect(phone.post(app.uri("/logout-everywhere"), form(page(phone, "/dashboard"))), "/login");

        assertRedirect(laptop.get(app.uri("/dashboard")), "/login");
        assertRedirect(phone.get(app.uri("/dashboard")), "/login");
        assertTrue(page(bob, "/dashboard").contains("Signed in as <span id=\"principal\">bob</span>"));
    }

    /** Signs in through the form, as a browser would, and returns the redirect to the dashboard. */
    protected HttpResponse<String> login(CookieClient browser, String user) {
        Map<String, String> form = form(page(browser, "/login"));
        form.put("username", user);
        form.put("password", "demo");
        HttpResponse<String> response = browser.post(app.uri("/login"), form);
        assertRedirect(response, "/dashboard");
        return response;
    }

    protected String page(CookieClient browser, String path) {
        return ok(browser.get(app.uri(path)));
    }

    protected void assertRedirect(HttpResponse<String> response, String path) {
        assertEquals(303, response.statusCode(), () -> response.request().uri() + ": " + response.body());
        assertEquals(app.contextPath() + path, response.headers().firstValue("Location").orElse(null));
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> response.request().uri() + ": " + response.body());
        return response.body();
    }

    /** @return a form holding the page's CSRF token, to add fields to */
    private static Map<String, String> form(String html) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", match(CSRF, html));
        return form;
    }

    private static String visits(String html) {
        return match(VISITS, html);
    }

    private static List<String> rows(String html) {
        return ROW.matcher(html).results().map(m -> m.group(1)).toList();
    }

    private static String match(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertTrue(matcher.find(), () -> "no " + pattern + " in " + html);
        String value = matcher.group(1);
        assertNotNull(value);
        return value;
    }
}
