package dev.sessionkit.testapp;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.TestSigner;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile cookies through a real container: none may cause a 500, and each gives either a fresh session
 * or the right one, never someone else's and never an attacker-chosen ID.
 */
public abstract class HostileInputContract {

    private static final String SECRET = "hostile-secret-0123456789abcdefghijklm";
    private static final String RETIRED = "retired-secret-0123456789abcdefghijklm";

    private ServletContainer server;
    private final CookieClient browser = new CookieClient();
    private final HttpClient raw = HttpClient.newHttpClient();

    protected abstract ContainerBuilder<?, ?> container();

    @BeforeEach
    void start() {
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false)
                .store(InMemorySessionStore.builder().build()).build();
        server = container().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> withCookieHeader(String path, String cookieHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ownSession() {
        browser.get(server.uri("/s/set?name=owner&value=me"));
        return browser.cookie("SESSION");
    }

    @Test
    public void malformedCookiesGiveAFreshSessionNeverA500() throws Exception {
        List<String> values = List.of("", "=", ".", "..", "a.b.c", "%00", "\"quoted\"", "x".repeat(100),
                "A".repeat(51) + ".", "A".repeat(51) + ".AAAAAAAAAAAAAAAAAAAAAA", "\\u0000", "null", "undefined",
                "<script>", "'; DROP TABLE sessions; --", "../../etc/passwd");
        for (String value : values) {
            HttpResponse<String> response = withCookieHeader("/s/count", "SESSION=" + value);
            assertEquals(200, response.statusCode(), value);
            assertEquals("1", response.body(), () -> "a fresh session for " + value);
        }
    }

    @Test
    public void emptyCookieHeaderGivesAFreshSession() throws Exception {
        assertEquals("1", withCookieHeader("/s/count", "SESSION=").body());
        assertEquals("1", withCookieHeader("/s/count", "SESSION").body());
    }

    @Test
    public void hugeCookieIsRefusedByTheContainerOrIgnoredNeverA500() throws Exception {
        HttpResponse<String> response = withCookieHeader("/s/count", "SESSION=" + "A".repeat(64 * 1024));
        assertTrue(response.statusCode() < 500, "status " + response.statusCode());
        assertTrue(response.statusCode() == 200 ? response.body().equals("1") : response.statusCode() >= 400);
    }

    @Test
    public void nonAsciiCookieGivesAFreshSession() throws Exception {
        HttpResponse<String> response = withCookieHeader("/s/count", "SESSION=\u00e9\u00e8\u00ea.\u00fc");
        assertEquals(200, response.statusCode());
        assertEquals("1", response.body(), "a fresh session");
    }

    @Test
    public void duplicatedCookieTheValidOneWinsAndNoFixation() throws Exception {
        String valid = ownSession();
        String attacker = TestSigner.sign(List.of(SECRET), "SESSION", 
                dev.sessionkit.store.SessionIds.newId());
        for (String header : List.of("SESSION=" + attacker + "; SESSION=" + valid, "SESSION=" + valid + "; SESSION=" + attacker)) {
            assertEquals("me", withCookieHeader("/s/get?name=owner", header).body(), header);
        }
        HttpResponse<String> onlyAttacker = withCookieHeader("/s/count", "SESSION=" + attacker);
        String issued = onlyAttacker.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(!issued.contains(attacker.substring(0, 51)), "the attacker's ID is never adopted");
    }

    @Test
    public void validIdWithWrongSignatureIsRejected() throws Exception {
        String valid = ownSession();
        String id = valid.substring(0, valid.indexOf('.'));
        String wrongKey = TestSigner.sign(List.of("another-secret-0123456789abcdefghijklm"), "SESSION", id);
        assertEquals("no-session", withCookieHeader("/s/get?name=owner", "SESSION=" + wrongKey).body());
    }

    @Test
    public void signatureFromARemovedKeyIsRejectedEvenForALiveSession() throws Exception {
        String valid = ownSession();
        String id = valid.substring(0, valid.indexOf('.'));
        String retired = TestSigner.sign(List.of(RETIRED), "SESSION", id);
        assertEquals("me", withCookieHeader("/s/get?name=owner", "SESSION=" + valid).body(), "the session lives");
        assertEquals("no-session", withCookieHeader("/s/get?name=owner", "SESSION=" + retired).body(),
                "the same live ID signed by a key the filter does not hold opens nothing");
    }

    @Test
    public void replayedRotatedIdIsDead() throws Exception {
        String before = ownSession();
        browser.get(server.uri("/s/rotate"));
        String after = browser.cookie("SESSION");
        assertNotEquals(before, after);
        assertEquals("no-session", withCookieHeader("/s/get?name=owner", "SESSION=" + before).body());
        assertEquals("me", withCookieHeader("/s/get?name=owner", "SESSION=" + after).body());
    }

    @Test
    public void requestsThatSkipTheSessionNeverTouchIt() throws Exception {
        for (String method : List.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE")) {
            HttpResponse<String> response = raw.send(HttpRequest.newBuilder(server.uri("/s/none"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Cookie", "SESSION=garbage").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 500, method + " " + response.statusCode());
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), method + " sets no cookie");
        }
        HttpResponse<String> unmapped = withCookieHeader("/nothing-here", "SESSION=garbage");
        assertEquals(404, unmapped.statusCode());
    }
}
