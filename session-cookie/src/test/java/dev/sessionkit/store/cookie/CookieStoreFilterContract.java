package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import dev.sessionkit.testapp.MutableClock;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cookie store behind the real filter, over HTTP: subclasses name the container. Each test starts its
 * own server so it can choose the store's limits.
 */
public abstract class CookieStoreFilterContract {

    private static final String COOKIE = "SESSION";
    private static final String CHUNK = "SESSION.1";

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    private final MutableClock clock = new MutableClock();
    private final CookieClient browser = new CookieClient();
    private CookieSessionStore store;
    private ServletContainer server;

    /** @return a builder for the container under test */
    protected abstract ContainerBuilder<?, ?> container();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void sessionTravelsInTheCookieAlone() {
        start(UnaryOperator.identity());
        assertEquals("1", get("/s/count"));
        assertEquals("2", get("/s/count"));
        String id = sessionId();

        assertFalse(browser.cookie(COOKIE).contains(id), "the cookie is sealed, not an ID");
        assertEquals("3", get("/s/count"));
    }

    @Test
    public void anotherServerWithTheSameKeysetContinuesTheSession() {
        start(UnaryOperator.identity());
        get("/s/count");
        server.close();
        start(UnaryOperator.identity());

        assertEquals("2", get("/s/count"));
    }

    @Test
    public void sessionLargerThanOneCookieIsSplitAndJoined() {
        start(b -> b.maxChunks(2).compressAbove(Integer.MAX_VALUE));
        get("/s/set-bytes?name=big&size=3500");

        assertNotNull(browser.cookie(COOKIE));
        assertNotNull(browser.cookie(CHUNK), "two cookies: " + browser.cookies().keySet());
        assertEquals(4000, browser.cookie(COOKIE).length());
        assertEquals(3500, get("/s/get?name=big").length());
    }

    @Test
    public void sessionShrinkingToOneCookieDeletesTheStaleChunk() {
        start(b -> b.maxChunks(2).compressAbove(Integer.MAX_VALUE));
        get("/s/set-bytes?name=big&size=3500");
        get("/s/set?name=small&value=kept");

        get("/s/remove?name=big");

        SetCookie deleted = browser.lastSetCookie(CHUNK);
        assertNotNull(deleted, "the stale chunk is deleted");
        assertEquals("0", deleted.attribute("Max-Age"));
        assertNull(browser.cookie(CHUNK));
        assertEquals("kept", get("/s/get?name=small"));
        assertEquals("null", get("/s/get?name=big"));
    }

    @Test
    public void sessionTooLargeForItsCookiesFailsTheRequestAndKeepsThePreviousSession() {
        start(b -> b.maxChunks(2).compressAbove(Integer.MAX_VALUE));
        get("/s/set?name=small&value=kept");
        String before = browser.cookie(COOKIE);

        HttpResponse<String> response = browser.get(server.uri("/s/set-bytes?name=big&size=9000"));

        assertEquals(500, response.statusCode());
        assertEquals(before, browser.cookie(COOKIE), "no cookie was sent");
        assertEquals("kept", get("/s/get?name=small"));
    }

    @Test
    public void rotateKeepsAttributesAndSealsTheNewId() {
        start(UnaryOperator.identity());
        get("/s/set?name=user&value=alice");
        String oldId = sessionId();

        String newId = get("/s/rotate");

        assertNotEquals(oldId, newId);
        assertEquals(newId, sessionId());
        assertEquals("alice", get("/s/get?name=user"));
    }

    @Test
    public void cookieFromBeforeRotationStillOpensAsTheSessionWasThen() {
        start(UnaryOperator.identity());
        get("/s/set?name=user&value=alice");
        String beforeRotation = browser.cookie(COOKIE);
        String oldId = sessionId();
        get("/s/rotate");
        get("/s/set?name=user&value=bob");

        browser.setCookie(COOKIE, beforeRotation);

        assertEquals(oldId, sessionId(), "no server-side revocation: a copied cookie replays until it expires");
        assertEquals("alice", get("/s/get?name=user"));
    }

    @Test
    public void invalidateClearsEveryChunk() {
        start(b -> b.maxChunks(2).compressAbove(Integer.MAX_VALUE));
        get("/s/set-bytes?name=big&size=3500");

        get("/s/invalidate");

        assertEquals("0", browser.lastSetCookie(COOKIE).attribute("Max-Age"));
        assertEquals("0", browser.lastSetCookie(CHUNK).attribute("Max-Age"));
        assertTrue(browser.cookies().isEmpty(), "left: " + browser.cookies().keySet());
        assertEquals("no-session", get("/s/get?name=big"));
    }

    @Test
    public void tamperedCookieGivesAFreshSession() {
        start(UnaryOperator.identity());
        get("/s/count");
        get("/s/count");
        String value = browser.cookie(COOKIE);
        int middle = value.length() / 2;
        browser.setCookie(COOKIE, value.substring(0, middle) + (value.charAt(middle) == 'A' ? 'B' : 'A')
                + value.substring(middle + 1));

        assertEquals("1", get("/s/count"));
        assertEquals(1, store.rejected().get(Rejection.FORGED));
    }

    @Test
    public void aPlantedCookieOfTheSameNameNeitherDisplacesNorClearsTheValidOne() throws Exception {
        start(UnaryOperator.identity());
        get("/s/count");
        String valid = browser.cookie(COOKIE);
        for (String header : List.of("SESSION=planted; SESSION=" + valid, "SESSION=" + valid + "; SESSION=planted")) {
            HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri("/s/get?name=count")).header("Cookie", header).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("1", response.body(), header);
            assertEquals(List.of(), response.headers().allValues("Set-Cookie"), "nothing is cleared: " + header);
        }
    }

    @Test
    public void garbageCookieGivesAFreshSession() {
        start(UnaryOperator.identity());
        browser.setCookie(COOKIE, "not-a-session");
        browser.setCookie(CHUNK, "%%%");

        assertEquals("1", get("/s/count"));
        assertEquals(1, store.rejected().get(Rejection.MALFORMED));
    }

    @Test
    public void idleSessionExpires() {
        start(UnaryOperator.identity());
        get("/s/count");
        clock.advance(Duration.ofMinutes(31));

        assertEquals("1", get("/s/count"));
        assertEquals(1, store.rejected().get(Rejection.IDLE_TIMEOUT));
    }

    @Test
    public void expiredSealedCookieIsClearedSoItIsOpenedOnlyOnce() {
        start(UnaryOperator.identity());
        get("/s/count");
        clock.advance(Duration.ofMinutes(31));

        assertEquals("no-session", get("/s/get?name=count"));
        assertEquals("0", browser.lastSetCookie(COOKIE).attribute("Max-Age"), "the dead cookie is deleted");
        assertEquals("no-session", get("/s/get?name=count"));
        assertEquals(1, store.rejected().get(Rejection.IDLE_TIMEOUT), "and not opened again");
    }

    @Test
    public void readsAloneKeepTheSessionAliveByResealingIt() {
        start(UnaryOperator.identity());
        get("/s/count");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertEquals("1", get("/s/get?name=count"));
            assertNotNull(browser.lastSetCookie(COOKIE), "an access that is due re-seals the session");
        }
    }

    @Test
    public void readWithinTheTouchIntervalSendsNoCookie() {
        start(UnaryOperator.identity());
        get("/s/count");

        get("/s/get?name=count");

        assertTrue(browser.lastSetCookies().isEmpty());
    }

    @Test
    public void absoluteTimeoutEndsEvenAnActiveSession() {
        start(UnaryOperator.identity());
        get("/s/count");
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            get("/s/count");
        }
        clock.advance(Duration.ofMinutes(20));

        assertEquals("1", get("/s/count"));
        assertEquals(1, store.rejected().get(Rejection.ABSOLUTE_TIMEOUT));
    }

    private void start(UnaryOperator<CookieSessionStoreBuilder> options) {
        store = options.apply(CookieSessionStore.builder().keyset(keyset)).build();
        SessionConfig config = SessionConfig.builder()
                .secret("cookie-filter-secret-0123456789abcdefghij")
                .secure(false)
                .store(store)
                .clock(clock)
                .idleTimeout(Duration.ofMinutes(30))
                .absoluteTimeout(Duration.ofHours(8))
                .build();
        server = container().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }

    private String get(String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), () -> path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    private String sessionId() {
        return get("/s/info").lines().filter(l -> l.startsWith("session=")).findFirst().orElseThrow()
                .substring("session=".length());
    }
}
