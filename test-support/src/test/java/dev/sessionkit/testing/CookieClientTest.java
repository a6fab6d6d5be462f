package dev.sessionkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionkit.testing.fixtures.CookieEchoServlet;
import dev.sessionkit.testing.fixtures.CookieSettingFilter;
import dev.sessionkit.testing.fixtures.FormEchoServlet;
import dev.sessionkit.testing.fixtures.TextServlet;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link CookieClient} against a real Jetty: a browser's cookie handling, for one host over plain http. */
class CookieClientTest {

    private static ServletContainer server;

    private final CookieClient client = new CookieClient();

    @BeforeAll
    static void startServer() {
        server = JettyServer.builder()
                .filter(new CookieSettingFilter(), "/filtered/*")
                .servlet(TextServlet.class, "/filtered/hello")
                .servlet(CookieEchoServlet.class, "/cookies")
                .servlet(FormEchoServlet.class, "/form")
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void storesASecureCookieReceivedOverPlainHttpAndSendsItBack() {
        setCookies("sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=600");

        assertEquals("abc", client.cookie("sid"));
        assertEquals("sid=abc", client.get(server.uri("/cookies")).body());
    }

    @Test
    void sendsEveryStoredCookieAndReplacesOnesSetAgain() {
        setCookies("a=1", "b=2");
        setCookies("a=3");

        assertEquals(Map.of("a", "3", "b", "2"), client.cookies());
        assertEquals("a=3; b=2", client.get(server.uri("/cookies")).body());
    }

    @Test
    void maxAgeZeroRemovesTheCookie() {
        setCookies("sid=abc", "other=1");

        setCookies("sid=; Max-Age=0; Path=/");

        assertNull(client.cookie("sid"));
        assertEquals("other=1", client.get(server.uri("/cookies")).body());
    }

    @Test
    void pastExpiresRemovesTheCookie() {
        setCookies("sid=abc");

        setCookies("sid=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/");

        assertNull(client.cookie("sid"));
        assertEquals("", client.get(server.uri("/cookies")).body());
    }

    @Test
    void injectedValueIsSentInsteadOfTheStoredOne() {
        setCookies("sid=genuine");

        client.setCookie("sid", "tampered");

        assertEquals("sid=tampered", client.get(server.uri("/cookies")).body());
    }

    @Test
    void clearCookiesForgetsEverything() {
        setCookies("a=1", "b=2");

        client.clearCookies();

        assertTrue(client.cookies().isEmpty());
        assertEquals("", client.get(server.uri("/cookies")).body());
    }

    @Test
    void anExplicitCookieHeaderIsSentInsteadOfTheJar() {
        setCookies("sid=stored");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/cookies"))
                .header("Cookie", "sid=explicit")
                .build());

        assertEquals("sid=explicit", response.body());
        assertEquals("stored", client.cookie("sid"));
    }

    @Test
    void exposesTheAttributesTheContainerSentWithACookie() {
        client.get(server.uri("/filtered/hello"));

        SetCookie visited = client.lastSetCookie(CookieSettingFilter.NAME);
        assertEquals("yes", visited.value());
        assertTrue(visited.has("HttpOnly"), visited::header);
        assertTrue(visited.has("secure"), visited::header);
        assertEquals("Lax", visited.attribute("SameSite"));
        assertEquals("/", visited.attribute("Path"));
    }

    @Test
    void lastSetCookiesDescribesOnlyTheLastResponse() {
        setCookies("a=1; Max-Age=0", "b=2");
        assertEquals(List.of("a", "b"), client.lastSetCookies().stream().map(SetCookie::name).toList());
        assertEquals("0", client.lastSetCookie("a").attribute("Max-Age"));

        client.get(server.uri("/cookies"));

        assertTrue(client.lastSetCookies().isEmpty());
        assertNull(client.lastSetCookie("b"));
    }

    @Test
    void postSendsAUrlEncodedForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("user", "ann");
        form.put("note", "a&b=c ü");

        HttpResponse<String> response = client.post(server.uri("/form"), form);

        assertEquals("user=ann\nnote=a&b=c ü", response.body());
    }

    @Test
    void followRequiresALocation() {
        HttpResponse<String> notARedirect = client.get(server.uri("/cookies"));

        assertThrows(IllegalArgumentException.class, () -> client.follow(notARedirect));
        assertFalse(notARedirect.headers().firstValue("Location").isPresent());
    }

    /** Has the server send one {@code Set-Cookie} header per argument, verbatim. */
    private void setCookies(String... headers) {
        String query = Stream.of(headers)
                .map(header -> CookieEchoServlet.SET + "=" + URLEncoder.encode(header, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = client.get(server.uri("/cookies?" + query));
        assertEquals(200, response.statusCode());
        assertEquals(List.of(headers), response.headers().allValues("Set-Cookie"), "the server rewrote the headers");
    }
}
