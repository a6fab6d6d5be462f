package dev.sessionkit.filter;

import dev.sessionkit.config.SameSite;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.CountingStore;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testapp.TokenCookieStore;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the filter writes into Set-Cookie and how it reads the Cookie header back: the chunked cookies of
 * a client-side store, the candidates it tries, and the attributes of every cookie. Through embedded
 * Jetty and a real HTTP client.
 */
class SessionCookieWritingTest {

    private static final String SECRET = "cookie-writing-secret-0123456789abcdef";
    private static final int CHUNK = ClientSideStore.COOKIE_CHUNK_BYTES;

    private final CookieClient browser = new CookieClient();
    private ServletContainer server;

    private void start(SessionStore store, String contextPath, UnaryOperator<SessionConfigBuilder> options) {
        SessionConfig config = options.apply(SessionConfig.builder().secret(SECRET).secure(false).store(store)).build();
        server = JettyServer.builder().contextPath(contextPath)
                .filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String get(String path) {
        return browser.get(server.uri(path)).body();
    }

    private String getWithCookies(String path, String cookieHeader) {
        return browser.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookieHeader).GET().build()).body();
    }

    private Map<String, SetCookie> lastSetCookies() {
        return browser.lastSetCookies().stream().collect(Collectors.toMap(SetCookie::name, c -> c, (a, b) -> b));
    }

    @Test
    void aLongTokenIsSplitOverNumberedCookiesOfAtMostOneChunkEach() {
        start(new TokenCookieStore(), "/", b -> b);
        // Two chunks: servers refuse request headers over 8 KiB, so the browser could not send three back.
        get("/s/set-bytes?name=big&size=5000");
        Map<String, SetCookie> set = lastSetCookies();
        assertEquals(List.of("SESSION", "SESSION.1"), browser.lastSetCookies().stream()
                .map(SetCookie::name).toList(), "6.8 KB of base64 needs two cookies, written in order");
        assertEquals(CHUNK, set.get("SESSION").value().length(), "every chunk but the last is full");
        assertTrue(set.get("SESSION.1").value().length() < CHUNK);
        assertEquals(5000, get("/s/get?name=big").length(), "the chunks are joined back into the session");
    }

    @Test
    void aTokenOfExactlyOneChunksLengthIsOneCookie() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set-bytes?name=big&size=2000");
        // Unpadded base64 of n bytes is ceil(4n/3) characters: CHUNK characters are 3/4 CHUNK bytes, so the
        // attribute grows by the bytes the document lacks.
        int bytes = browser.cookie("SESSION").length() * 3 / 4;
        get("/s/set-bytes?name=big&size=" + (2000 + CHUNK * 3 / 4 - bytes));
        assertEquals(CHUNK, browser.cookie("SESSION").length(), "the token fills one chunk exactly");

        assertEquals(List.of("SESSION"), browser.lastSetCookies().stream().map(SetCookie::name).toList());
    }

    @Test
    void chunksAreJoinedInTheirNumberedOrderWhateverTheOrderOfTheHeader() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set?name=marker&value=m");
        String token = browser.cookie("SESSION");
        int third = token.length() / 3;
        String[] parts = {token.substring(0, third), token.substring(third, 2 * third), token.substring(2 * third)};
        String reversed = "SESSION.2=" + parts[2] + "; SESSION.1=" + parts[1] + "; SESSION=" + parts[0];
        assertEquals("m", getWithCookies("/s/get?name=marker", reversed));
        String swapped = "SESSION=" + parts[0] + "; SESSION.1=" + parts[2] + "; SESSION.2=" + parts[1];
        assertEquals("no-session", getWithCookies("/s/get?name=marker", swapped), "chunks joined by index, not by position");
    }

    @Test
    void aSessionThatShrinksDeletesTheChunkCookiesItNoLongerNeeds() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set-bytes?name=big&size=5000");
        get("/s/remove?name=big");
        Map<String, SetCookie> set = lastSetCookies();
        assertFalse(set.get("SESSION").value().isEmpty(), "the session itself stays");
        SetCookie chunk = set.get("SESSION.1");
        assertNotNull(chunk, "the chunk is deleted");
        assertEquals("", chunk.value());
        assertEquals("0", chunk.attribute("Max-Age"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", chunk.attribute("Expires"));
        assertEquals(List.of("SESSION"), List.copyOf(browser.cookies().keySet()));
    }

    @Test
    void aSessionThatStillNeedsItsChunksKeepsThem() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set-bytes?name=big&size=5000");
        get("/s/set-bytes?name=big&size=4500");
        assertEquals(List.of("SESSION", "SESSION.1"), browser.lastSetCookies().stream().map(SetCookie::name).toList(),
                "both chunks are rewritten and neither is deleted");
        assertFalse(lastSetCookies().get("SESSION.1").value().isEmpty());
        assertEquals(4500, get("/s/get?name=big").length());
    }

    @Test
    void logoutClearsTheCookieAndEveryChunkTheBrowserSent() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set-bytes?name=big&size=5000");
        get("/s/invalidate");
        Map<String, SetCookie> set = lastSetCookies();
        for (String name : List.of("SESSION", "SESSION.1")) {
            assertEquals("0", set.get(name).attribute("Max-Age"), name + " is deleted");
        }
        assertTrue(browser.cookies().isEmpty());
    }

    @Test
    void cookiesThatOnlyLookLikeChunksAreNeitherReadNorDeleted() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set?name=a&value=1");
        String session = browser.cookie("SESSION");
        String lookalikes = "SESSION.0=x; SESSION.x=x; SESSION.32=x; SESSION.-1=x; SESSIONX.1=x; SESSION.=x; SESSION..1=x";
        assertEquals("1", getWithCookies("/s/get?name=a", "SESSION=" + session + "; " + lookalikes),
                "nothing is joined to the session but real chunks");
        getWithCookies("/s/invalidate", "SESSION=" + session + "; " + lookalikes);
        assertEquals(List.of("SESSION"), browser.lastSetCookies().stream().map(SetCookie::name).toList(),
                "only the session cookie is cleared");
    }

    @Test
    void theHighestChunkIndexIsRead() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set?name=a&value=1");
        String token = browser.cookie("SESSION");
        // The token spread over every chunk index there is, 1 to 31.
        String spread = "SESSION=" + token.substring(0, 1) + chunksOf(token.substring(1), 31);
        assertEquals("1", getWithCookies("/s/get?name=a", spread));
    }

    /** One character in each of the chunks 1 to {@code count - 1}, the rest in chunk {@code count}. */
    private static String chunksOf(String rest, int count) {
        StringBuilder header = new StringBuilder();
        for (int i = 1; i < count; i++) {
            header.append("; SESSION.").append(i).append('=').append(rest.charAt(i - 1));
        }
        return header.append("; SESSION.").append(count).append('=').append(rest.substring(count - 1)).toString();
    }

    @Test
    void aPlantedValueCannotDisplaceASessionThatOpens() {
        start(new TokenCookieStore(), "/", b -> b);
        get("/s/set?name=a&value=1");
        String session = browser.cookie("SESSION");
        assertEquals("1", getWithCookies("/s/get?name=a", "SESSION=planted; SESSION=" + session));
    }

    @Test
    void atMostFourCookieValuesAreTriedAndEachOnlyOnce() {
        TokenCookieStore store = new TokenCookieStore();
        start(store, "/", b -> b);
        getWithCookies("/s/get?name=a", "SESSION=a; SESSION=a; SESSION=a");
        assertEquals(1, store.loads.get(), "a repeated value is one candidate");
        store.loads.set(0);
        getWithCookies("/s/get?name=a", "SESSION=a; SESSION=b; SESSION=c; SESSION=d; SESSION=e; SESSION=f");
        assertEquals(4, store.loads.get());
    }

    @Test
    void signedCookiesBeyondTheFourthAreNotLookedUp() {
        CountingStore store = new CountingStore(InMemorySessionStore.builder().build());
        start(store, "/", b -> b);
        StringBuilder ended = new StringBuilder("SESSION=forged1; SESSION=forged2");
        for (int i = 0; i < 6; i++) {
            CookieClient other = new CookieClient();
            other.get(server.uri("/s/set?name=a&value=" + i));
            String cookie = other.cookie("SESSION");
            other.get(server.uri("/s/invalidate"));
            ended.append("; SESSION=").append(cookie);
        }
        store.reset();
        assertEquals("no-session", getWithCookies("/s/get?name=a", ended.toString()));
        assertEquals(4, store.loads.get(), "forged values are dropped by the signature check; four signed ones are looked up");
    }

    @Test
    void aServerSideSessionIsOneSignedCookieWithTheConfiguredAttributes() {
        start(InMemorySessionStore.builder().build(), "/app", b -> b.secure(true).cookieDomain("localhost")
                .sameSite(SameSite.STRICT));
        HttpResponse<String> response = browser.get(server.uri("/s/set?name=a&value=1"));
        List<String> headers = response.headers().allValues("Set-Cookie");
        assertEquals(1, headers.size(), headers.toString());
        String header = headers.get(0);
        assertTrue(header.startsWith("SESSION="), header);
        assertTrue(header.contains("; Path=/app;"), header);
        assertTrue(header.contains("; Domain=localhost;"), header);
        assertTrue(header.endsWith("; Secure; HttpOnly; SameSite=Strict"), header);
        assertFalse(header.contains("Max-Age"), "a browser-session cookie has no Max-Age: " + header);
        assertFalse(header.contains("Expires"), header);
    }

    @Test
    void theCookiePathDefaultsToTheContextPathAndCanBeSet() {
        start(InMemorySessionStore.builder().build(), "/app", b -> b);
        HttpResponse<String> response = browser.get(server.uri("/s/set?name=a&value=1"));
        String header = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.contains("; Path=/app;"), header);
        assertFalse(header.contains("Domain="), header);
        assertFalse(header.contains("Secure"), header);
        assertTrue(header.endsWith("; HttpOnly; SameSite=Lax"), header);
        server.close();
        start(InMemorySessionStore.builder().build(), "/", b -> b.cookiePath("/only"));
        header = browser.get(server.uri("/s/set?name=a&value=1")).headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.contains("; Path=/only;"), header);
        server.close();
        start(InMemorySessionStore.builder().build(), "/", b -> b);
        header = browser.get(server.uri("/s/set?name=a&value=1")).headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(header.contains("; Path=/;"), "the root context's path is /: " + header);
    }

    @Test
    void logoutOfAServerSideSessionExpiresTheCookieAtOnce() {
        start(InMemorySessionStore.builder().build(), "/", b -> b);
        get("/s/set?name=a&value=1");
        HttpResponse<String> response = browser.get(server.uri("/s/invalidate"));
        List<String> headers = response.headers().allValues("Set-Cookie");
        assertEquals(1, headers.size(), "a signed ID has no chunks to clear: " + headers);
        SetCookie cleared = SetCookie.parse(headers.get(0));
        assertEquals("", cleared.value());
        assertEquals("0", cleared.attribute("Max-Age"));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", cleared.attribute("Expires"));
        assertNull(browser.cookie("SESSION"));
    }
}
