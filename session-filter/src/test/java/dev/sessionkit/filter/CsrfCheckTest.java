package dev.sessionkit.filter;

import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter's opt-in CSRF check and {@link Sessions#csrfToken}, through a real Jetty. */
class CsrfCheckTest {

    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final AtomicInteger handled = new AtomicInteger();
    private ServletContainer server;
    private CookieClient browser;

    /** GET /app/token: the token; GET /app/login: logs in and answers the new token; anything else counts. */
    private final class App extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo();
            String body;
            if ("/token".equals(path)) {
                body = Sessions.csrfToken(request);
            } else if ("/login".equals(path)) {
                Sessions.login(request, "alice");
                body = Sessions.csrfToken(request);
            } else {
                handled.incrementAndGet();
                body = "handled " + request.getMethod();
            }
            response.setContentType("text/plain");
            response.getWriter().write(body);
        }
    }

    @BeforeEach
    void start() {
        start(config().csrfCheck(true).csrfExemptPaths(List.of("/app/hooks/*", "/app/ping"))
                .csrfTrustedOrigins(List.of("https://front.example.com")));
    }

    private void start(SessionConfigBuilder config) {
        server = JettyServer.builder().filter(new SessionFilter(config.build()), "/*").servlet(new App(), "/app/*").start();
        browser = new CookieClient();
    }

    private void restartTrusting(String... origins) {
        server.close();
        start(config().csrfCheck(true).csrfTrustedOrigins(List.of(origins)));
    }

    private static SessionConfigBuilder config() {
        return SessionConfig.builder().secret(SECRET).secure(false).store(InMemorySessionStore.builder().build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String token() {
        HttpResponse<String> response = browser.get(server.uri("/app/token"));
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        headers.forEach(request::header);
        return browser.send(request.build());
    }

    private String ownOrigin() {
        URI uri = server.uri();
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    @Test
    void formPostWithTheSessionsTokenReachesTheApplication() {
        String token = token();
        HttpResponse<String> response = post("/app/form", Map.of("Origin", ownOrigin()), "_csrf=" + token + "&x=1");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, handled.get());
    }

    @Test
    void headerTokenIsAcceptedForScriptRequests() {
        String token = token();
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(server.uri("/app/api"))
                .header("X-CSRF-Token", token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("handled DELETE", response.body());
    }

    @Test
    void postWithoutTokenIsRefusedWith403BeforeTheApplicationRuns() {
        token();
        HttpResponse<String> response = post("/app/form", Map.of(), "x=1");
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("carries no CSRF token"), response.body());
        assertTrue(response.body().contains("X-CSRF-Token"), "the 403 says where the token goes: " + response.body());
        assertEquals(0, handled.get());
    }

    @Test
    void theRefusalIsPlainText() {
        token();
        HttpResponse<String> response = post("/app/form", Map.of(), "x=1");
        assertEquals(403, response.statusCode());
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElse("").toLowerCase());
    }

    @Test
    void aRefusedRequestReleasesItsSessionsLock() {
        server.close();
        start(config().csrfCheck(true).lock(new dev.sessionkit.config.SessionLock(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(60), 409)));
        token();

        assertEquals(403, post("/app/form", Map.of(), "x=1").statusCode());

        HttpResponse<String> next = browser.get(server.uri("/app/token"));
        assertEquals(200, next.statusCode(), "the next request of the session got its lock: " + next.body());
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        String mine = token();
        browser.clearCookies();
        token(); // a second session in the same client
        HttpResponse<String> response = post("/app/form", Map.of(), "_csrf=" + mine);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("not this session's"), response.body());
        assertEquals(0, handled.get());
    }

    @Test
    void tokenWithoutAnySessionIsRefused() {
        String token = token();
        browser.clearCookies();
        HttpResponse<String> response = post("/app/form", Map.of(), "_csrf=" + token);
        assertEquals(403, response.statusCode());
        assertEquals(0, handled.get());
    }

    @Test
    void tokenThatDiffersInOneCharacterIsRefused() {
        String token = token();
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(403, post("/app/form", Map.of(), "_csrf=" + altered).statusCode());
        assertEquals(403, post("/app/form", Map.of(), "_csrf=" + token.substring(1)).statusCode());
        assertEquals(0, handled.get());
    }

    @Test
    void crossOriginPostIsRefusedEvenWithTheToken() {
        String token = token();
        HttpResponse<String> response = post("/app/form", Map.of("Origin", "https://evil.example"), "_csrf=" + token);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("another origin"), response.body());
        assertEquals(0, handled.get());
    }

    @Test
    void nullOriginIsJudgedByTheTokenAlone() {
        // Chromium sends Origin: null for a same-origin form post from a page with Referrer-Policy: no-referrer.
        String token = token();
        assertEquals(403, post("/app/form", Map.of("Origin", "null"), "x=1").statusCode());
        assertEquals(200, post("/app/form", Map.of("Origin", "null"), "_csrf=" + token).statusCode());
        assertEquals(1, handled.get());
    }

    @Test
    void crossSiteRefererIsRefusedWhenThereIsNoOrigin() {
        String token = token();
        assertEquals(403, post("/app/form", Map.of("Referer", "https://evil.example/page"), "_csrf=" + token).statusCode());
        assertEquals(200, post("/app/form", Map.of("Referer", ownOrigin() + "/app/page?x=1"), "_csrf=" + token).statusCode());
        assertEquals(1, handled.get());
    }

    @Test
    void aRefererThatNamesTheDefaultPortComesFromTheOriginWithoutIt() {
        restartTrusting("https://front.example.com", "http://plain.example");
        String token = token();
        for (String referer : List.of("https://front.example.com:443/page", "http://plain.example:80/page")) {
            HttpResponse<String> response = post("/app/form", Map.of("Referer", referer), "_csrf=" + token);
            assertEquals(200, response.statusCode(), referer + ": " + response.body());
        }
        assertEquals(2, handled.get());
    }

    @Test
    void aRefererOnAnotherPortIsACrossOriginRequest() {
        restartTrusting("https://front.example.com", "http://plain.example");
        String token = token();
        for (String referer : List.of("https://front.example.com:80/page", "https://front.example.com:8443/page",
                "https://front.example.com:0/page", "http://plain.example:443/page", "http://plain.example:8080/page")) {
            HttpResponse<String> response = post("/app/form", Map.of("Referer", referer), "_csrf=" + token);
            assertEquals(403, response.statusCode(), referer);
            assertTrue(response.body().contains("another origin"), referer + ": " + response.body());
        }
        assertEquals(0, handled.get());
    }

    @Test
    void aRefererWithAnIpv6AddressComesFromThatAddressesOrigin() {
        restartTrusting("http://[::1]:8080");
        String token = token();
        HttpResponse<String> response = post("/app/form", Map.of("Referer", "http://[::1]:8080/page"), "_csrf=" + token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, handled.get());
    }

    @Test
    void aRefererThatNamesNoHostIsACrossOriginRequest() {
        String token = token();
        for (String referer : List.of("/app/page", "http://a b/page")) {
            HttpResponse<String> response = post("/app/form", Map.of("Referer", referer), "_csrf=" + token);
            assertEquals(403, response.statusCode(), referer);
            assertTrue(response.body().contains("another origin"), referer + ": " + response.body());
        }
        assertEquals(0, handled.get());
    }

    @Test
    void theFormFieldIsNotLookedForInARequestThatIsNotAForm() {
        String token = token();
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(server.uri("/app/api?_csrf=" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("carries no CSRF token"), response.body());
        assertEquals(0, handled.get());
    }

    @Test
    void aFormBodyThatCannotBeParsedCarriesNoToken() {
        String token = token();
        HttpResponse<String> response = post("/app/form", Map.of(), "_csrf=" + token + "&x=%zz");
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("carries no CSRF token"), response.body());
        assertEquals(0, handled.get());
    }

    @Test
    void trustedOriginMayPost() {
        String token = token();
        HttpResponse<String> response = post("/app/form", Map.of("Origin", "https://front.example.com"), "_csrf=" + token);
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void exemptPathsAndSafeMethodsNeedNoToken() {
        assertEquals(200, post("/app/hooks/payment", Map.of(), "x=1").statusCode());
        assertEquals(200, post("/app/ping", Map.of(), "x=1").statusCode());
        assertEquals(403, post("/app/pings", Map.of(), "x=1").statusCode(), "an exact exempt path is not a prefix");
        assertEquals(200, browser.get(server.uri("/app/form")).statusCode());
        assertEquals(3, handled.get());
    }

    @Test
    void dotSegmentsDoNotReachAnExemptPrefix() {
        token();
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(server.uri("/app/hooks/").toString() + "%2e%2e/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
        assertNotEquals(200, response.statusCode(), "an encoded ../ must not turn an exempt prefix into a way around the check");
        assertEquals(0, handled.get());
    }

    @Test
    void loginRenewsTheToken() {
        String before = token();
        HttpResponse<String> login = browser.get(server.uri("/app/login"));
        String after = login.body();
        assertNotEquals(before, after);
        assertEquals(after, token(), "the token stays the same between logins");
        assertEquals(403, post("/app/form", Map.of(), "_csrf=" + before).statusCode(), "the pre-login token is dead");
        assertEquals(200, post("/app/form", Map.of(), "_csrf=" + after).statusCode());
    }

    @Test
    void checkIsOffByDefault() {
        server.close();
        start(config());
        assertEquals(200, post("/app/form", Map.of("Origin", "https://evil.example"), "x=1").statusCode());
        assertEquals(1, handled.get());
    }

    @Test
    void initParamsTurnTheCheckOnAndBadValuesFailStart() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("secret", SECRET);
        params.put("csrf.check", "true");
        params.put("csrf.exempt-paths", "/hooks/*, /ping");
        params.put("csrf.trusted-origins", "HTTPS://Front.Example.com:443");
        SessionConfig config = SessionConfig.fromInitParams(params, name -> null);
        assertTrue(config.csrfCheck());
        assertEquals(List.of("/hooks/*", "/ping"), config.csrfExemptPaths());
        assertEquals(List.of("https://front.example.com"), config.csrfTrustedOrigins());

        params.put("csrf.exempt-paths", "hooks/*");
        SessionException path = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
        assertTrue(path.getMessage().contains("csrf.exempt-paths"), path.getMessage());
        params.put("csrf.exempt-paths", "/a*b");
        assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
        params.remove("csrf.exempt-paths");
        params.put("csrf.trusted-origins", "https://front.example.com/path");
        SessionException origin = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
        assertTrue(origin.getMessage().contains("scheme://host"), origin.getMessage());
        params.remove("csrf.trusted-origins");
        params.put("csrf.chek", "true");
        SessionException typo = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, name -> null));
        assertTrue(typo.getMessage().contains("did you mean csrf.check"), typo.getMessage());
    }
}
