package dev.sessionkit.sample;

import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern VISITS = Pattern.compile("id=\"visits\">(\\d+)<");
    private static final Pattern LINEAGE = Pattern.compile("id=\"session-lineage\">([^<]+)<");
    private static final Pattern ROTATING = Pattern.compile("id=\"session-rotating\">([^<]+)<");
    private static final Pattern ROW = Pattern.compile("<tr class=\"session\">(.*?)</tr>");
    private static final Pattern HANDLE = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    private static final Pattern ADMIN_ROW = Pattern.compile("<tr class=\"admin-session\">(.*?)</tr>");
    private static final Pattern ROW_PREFIX = Pattern.compile("<code>([^<]+)</code>");
    private static final Pattern NEXT_PAGE = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
    private static final Pattern SESSION_COUNT = Pattern.compile("id=\"session-count\">(\\d+)<");
    private static final Pattern NOTICE = Pattern.compile("id=\"notice\">([^<]+)<");
    /** The Prometheus name of session-filter's counter {@code sessionkit.sessions.started}. */
    private static final String SESSIONS_CREATED = "sessionkit_sessions_started_total";

    /**
     * A started sample.
     *
     * @param uris        the address of a path inside the application
     * @param contextPath the context path, {@code ""} for the root
     * @param stop        stops the server
     */
    protected record RunningSample(Function<String, URI> uris, String contextPath, Runnable stop) {

        /** Public, not the record's protected default: subclasses in other packages create one. */
        public RunningSample {
        }

        URI uri(String path) {
            return uris.apply(path);
        }

        void close() {
            stop.run();
        }
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
    public void dashboardShowsOnlyTheLineageAndTheStartOfTheRestOfTheSessionId() {
        CookieClient browser = new CookieClient();
        login(browser, "alice");
        String dashboard = page(browser, "/dashboard");
        String id = sessionId(browser);
        assertEquals(id.substring(0, 8), match(LINEAGE, dashboard));
        assertEquals(id.substring(8, 16), match(ROTATING, dashboard));
        assertFalse(dashboard.contains(id.substring(16, 24)), "the rest of the ID never appears in a page");
    }

    @Test
    public void theShownPartOfTheSessionIdChangesAtLoginWhileTheLineageStays() {
        CookieClient browser = new CookieClient();
        String home = page(browser, "/");
        assertTrue(home.contains("<em>lineage</em>"), "the page says what the lineage is: " + home);
        String lineage = match(LINEAGE, home);
        String shownBefore = match(ROTATING, home);
        assertEquals(sessionId(browser).substring(8, 16), shownBefore, "the home page shows this browser's ID");

        login(browser, "alice");
        for (String afterLogin : List.of(page(browser, "/"), page(browser, "/dashboard"))) {
            assertEquals(lineage, match(LINEAGE, afterLogin), "login keeps the lineage");
            assertNotEquals(shownBefore, match(ROTATING, afterLogin), "login changes the part shown after the lineage");
            assertEquals(sessionId(browser).substring(8, 16), match(ROTATING, afterLogin));
        }
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
        forged.put("_csrf", "forged-token-of-the-right-length-0123456789a");
        assertEquals(403, browser.post(app.uri("/login"), forged).statusCode(), "wrong token");

        CookieClient other = new CookieClient();
        forged.put("_csrf", match(CSRF, page(other, "/login")));
        assertEquals(403, browser.post(app.uri("/login"), forged).statusCode(), "another session's token");
        assertRedirect(browser.get(app.uri("/dashboard")), "/login");
    }

    @Test
    public void crossOriginPostIsForbiddenEvenWithTheSessionsToken() {
        CookieClient browser = new CookieClient();
        Map<String, String> form = form(page(browser, "/login"));
        form.put("username", "alice");
        form.put("password", "demo");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(403, response.statusCode(), response.body());
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

    @Test
    public void metricsAreOpenPrometheusTextCountingSessionsAndStoreCalls() {
        CookieClient scraper = new CookieClient();
        HttpResponse<String> before = scraper.get(app.uri("/metrics"));
        assertEquals(200, before.statusCode(), before.body());
        List<String> contentType = List.of(before.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .replace(" ", "").split(";"));
        assertEquals("text/plain", contentType.get(0), contentType::toString);
        assertTrue(contentType.contains("version=0.0.4"), contentType::toString);
        assertTrue(contentType.contains("charset=utf-8"), contentType::toString);
        assertTrue(before.body().contains("# HELP " + SESSIONS_CREATED + " Sessions created\n"), before.body());
        double created = sample(before.body(), SESSIONS_CREATED);

        login(new CookieClient(), "alice");

        String after = ok(scraper.get(app.uri("/metrics")));
        assertTrue(sample(after, SESSIONS_CREATED) >= created + 1, after);
        assertTrue(sample(after, "sessionkit_sessions_rotated_total") >= 1, after);
        assertTrue(Pattern.compile("(?m)^sessionkit_store_latency_seconds_count\\{.*operation=\"save\".*outcome=\"ok\".*} [1-9]")
                .matcher(after).find(), after);
        assertTrue(Pattern.compile("(?m)^sessionkit_store_latency_seconds_sum\\{").matcher(after).find(), after);
        assertNull(scraper.cookie(COOKIE), "scraping starts no session");
    }

    @Test
    public void adminPagesAreForbiddenToOtherUsersAndSendVisitorsToLogin() {
        CookieClient alice = new CookieClient();
        CookieClient bob = new CookieClient();
        login(alice, "alice");
        login(bob, "bob");

        HttpResponse<String> forbidden = bob.get(app.uri("/admin"));
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertFalse(forbidden.body().contains("admin-session"), forbidden.body());
        Map<String, String> deleteAlice = form(page(bob, "/dashboard"));
        deleteAlice.put("user", "alice");
        assertEquals(403, bob.post(app.uri("/admin/delete-user"), deleteAlice).statusCode(), "a valid CSRF token is not enough");
        assertEquals(200, alice.get(app.uri("/dashboard")).statusCode(), "alice is still signed in");

        assertRedirect(new CookieClient().get(app.uri("/admin")), "/login");
        assertFalse(page(bob, "/dashboard").contains("id=\"admin-link\""), "no way to /admin for bob");
        String dashboard = page(alice, "/dashboard");
        assertTrue(dashboard.contains("id=\"admin-link\" href=\"" + app.contextPath() + "/admin\""), dashboard);
        assertTrue(dashboard.contains("id=\"metrics-link\" href=\"" + app.contextPath() + "/metrics\""), dashboard);
    }

    @Test
    public void adminSeesEverySessionWithItsAttributeNamesButNeverTheirValuesOrWholeIds() {
        CookieClient alice = new CookieClient();
        CookieClient bob = new CookieClient();
        login(alice, "alice");
        login(bob, "bob");
        page(bob, "/");
        // Bob's CSRF token is a secret held in his session, exactly what an admin page must not show.
        String bobsToken = match(CSRF, page(bob, "/dashboard"));

        String admin = page(alice, "/admin");
        assertEquals("2", match(SESSION_COUNT, admin));
        String bobsRow = adminRow(admin, "bob");
        assertTrue(bobsRow.contains("<code>dev.sessionkit.csrf</code>"), bobsRow);
        assertTrue(bobsRow.contains("<code>visits</code>"), bobsRow);
        assertTrue(bobsRow.contains("<code>" + sessionId(bob).substring(0, 8) + "</code>"), bobsRow);
        assertFalse(admin.contains(bobsToken), "attribute values never appear");
        assertFalse(admin.contains(sessionId(bob)), "nor whole session IDs");
        assertFalse(admin.contains(sessionId(alice)));
        assertTrue(adminRow(admin, "alice").contains("this browser"));
    }

    @Test
    public void adminPageEscapesWhatClientsSent() {
        CookieClient mallory = new CookieClient();
        Map<String, String> form = form(page(mallory, "/login"));
        form.put("username", "bob");
        form.put("password", "demo");
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        assertRedirect(mallory.send(HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "<script>alert(1)</script>")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), "/dashboard");

        CookieClient alice = new CookieClient();
        login(alice, "alice");
        String admin = page(alice, "/admin");
        assertTrue(adminRow(admin, "bob").contains("&lt;script&gt;alert(1)&lt;/script&gt;"), admin);
        assertFalse(admin.contains("<script>"), admin);
    }

    @Test
    public void adminDeletesAnotherUsersSessionAndTheirNextRequestIsSignedOut() {
        CookieClient alice = new CookieClient();
        CookieClient bob = new CookieClient();
        login(alice, "alice");
        login(bob, "bob");

        String admin = page(alice, "/admin");
        Map<String, String> delete = form(admin);
        delete.put("session", match(HANDLE, adminRow(admin, "bob")));
        delete.put("principal", "bob");
        assertRedirect(alice.post(app.uri("/admin/delete-session"), delete), "/admin");

        assertRedirect(bob.get(app.uri("/dashboard")), "/login");
        admin = page(alice, "/admin");
        assertTrue(match(NOTICE, admin).startsWith("Deleted session " + sessionId(bob).substring(0, 8)), admin);
        assertEquals("1", match(SESSION_COUNT, admin));
    }

    @Test
    public void adminDeletesAnAnonymousVisitorsSession() {
        CookieClient alice = new CookieClient();
        CookieClient visitor = new CookieClient();
        login(alice, "alice");
        page(visitor, "/");
        assertEquals("2", visits(page(visitor, "/")));

        String admin = page(alice, "/admin");
        String row = rows(admin, ADMIN_ROW).stream().filter(r -> r.contains("anonymous")).findFirst().orElseThrow();
        Map<String, String> delete = form(admin);
        delete.put("session", match(HANDLE, row));
        delete.put("principal", "");
        assertRedirect(alice.post(app.uri("/admin/delete-session"), delete), "/admin");

        assertEquals("1", visits(page(visitor, "/")), "the visitor starts over in a new session");
    }

    @Test
    public void adminDeletesAllSessionsOfOneUserOnly() {
        CookieClient alice = new CookieClient();
        CookieClient bobsLaptop = new CookieClient();
        CookieClient bobsPhone = new CookieClient();
        CookieClient carol = new CookieClient();
        login(alice, "alice");
        login(bobsLaptop, "bob");
        login(bobsPhone, "bob");
        login(carol, "carol");

        Map<String, String> deleteBob = form(page(alice, "/admin"));
        deleteBob.put("user", "bob");
        assertRedirect(alice.post(app.uri("/admin/delete-user"), deleteBob), "/admin");

        assertRedirect(bobsLaptop.get(app.uri("/dashboard")), "/login");
        assertRedirect(bobsPhone.get(app.uri("/dashboard")), "/login");
        assertTrue(page(carol, "/dashboard").contains("Signed in as <span id=\"principal\">carol</span>"));
        assertEquals("Deleted 2 sessions of bob.", match(NOTICE, page(alice, "/admin")));
    }

    @Test
    public void adminDeletingAllOfTheirOwnSessionsSignsThisBrowserOut() {
        CookieClient alice = new CookieClient();
        login(alice, "alice");
        Map<String, String> deleteAlice = form(page(alice, "/admin"));
        deleteAlice.put("user", "alice");
        assertRedirect(alice.post(app.uri("/admin/delete-user"), deleteAlice), "/login");
        assertRedirect(alice.get(app.uri("/admin")), "/login");
    }

    @Test
    public void adminListsTwentySessionsAPageAndItsLinksCarryNoSessionIds() {
        CookieClient alice = new CookieClient();
        login(alice, "alice");
        Set<String> ids = new HashSet<>(Set.of(sessionId(alice)));
        for (int i = 0; i < 25; i++) {
            CookieClient visitor = new CookieClient();
            page(visitor, "/");
            ids.add(sessionId(visitor));
        }

        List<String> pages = new ArrayList<>(List.of(page(alice, "/admin")));
        for (Matcher next = NEXT_PAGE.matcher(pages.get(0)); next.find(); next = NEXT_PAGE.matcher(pages.get(pages.size() - 1))) {
            assertTrue(pages.size() < 10, "the listing ends");
            pages.add(page(alice, next.group(1).substring(app.contextPath().length())));
        }
        assertEquals(20, rows(pages.get(0), ADMIN_ROW).size());
        List<String> listed = pages.stream().flatMap(html -> prefixes(html).stream()).toList();
        assertEquals(26, listed.size(), listed::toString);
        assertEquals(ids.stream().map(id -> id.substring(0, 8)).collect(Collectors.toSet()), Set.copyOf(listed));
        for (String html : pages) {
            assertEquals("26", match(SESSION_COUNT, html));
            ids.forEach(id -> assertFalse(html.contains(id), "no whole session ID, in rows or in links"));
        }

        String expired = page(alice, "/admin?page=no-such-page");
        assertTrue(match(NOTICE, expired).contains("expired"), expired);
        assertEquals(prefixes(pages.get(0)), prefixes(expired), "an unknown page token starts over at the first page");
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
        form.put("_csrf", match(CSRF, html));
        return form;
    }

    private static String visits(String html) {
        return match(VISITS, html);
    }

    private static List<String> rows(String html) {
        return rows(html, ROW);
    }

    private static List<String> rows(String html, Pattern row) {
        return row.matcher(html).results().map(m -> m.group(1)).toList();
    }

    /** @return the session ID prefixes on an admin page, in order */
    private static List<String> prefixes(String html) {
        return rows(html, ADMIN_ROW).stream().map(row -> match(ROW_PREFIX, row)).toList();
    }

    /** @return the admin page's row for the one session of {@code principal} */
    private static String adminRow(String html, String principal) {
        List<String> found = rows(html, ADMIN_ROW).stream()
                .filter(row -> row.contains("<td class=\"principal\">" + principal + "</td>")).toList();
        assertEquals(1, found.size(), () -> "rows of " + principal + " in " + html);
        return found.get(0);
    }

    /** @return the session ID in the browser's cookie, without its signature */
    private static String sessionId(CookieClient browser) {
        String cookie = browser.cookie(COOKIE);
        assertNotNull(cookie);
        return cookie.substring(0, cookie.indexOf('.'));
    }

    /** @return the value of an unlabelled Prometheus sample */
    private static double sample(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        assertTrue(matcher.find(), () -> "no " + name + " in " + scrape);
        return Double.parseDouble(matcher.group(1));
    }

    private static String match(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertTrue(matcher.find(), () -> "no " + pattern + " in " + html);
        String value = matcher.group(1);
        assertNotNull(value);
        return value;
    }
}
