package dev.sessionkit.testapp;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the filter promises over HTTP, whatever the container and the store: subclasses name the
 * container and may supply another store.
 */
public abstract class SessionFilterContract {

    protected static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
    protected static final String COOKIE = "SESSION";

    protected final MutableClock clock = new MutableClock();
    protected CountingStore store;
    protected ServletContainer server;
    protected CookieClient browser;

    /** @return a builder for the container under test */
    protected abstract ContainerBuilder<?, ?> container();

    /** @return the store under test; the in-memory store unless overridden */
    protected SessionStore newStore() {
        return InMemorySessionStore.builder().build();
    }

    protected SessionConfigBuilder config() {
        return SessionConfig.builder()
                .secret(SECRET)
                .secure(false)
                .store(store)
                .clock(clock)
                .idleTimeout(Duration.ofMinutes(30))
                .absoluteTimeout(Duration.ofHours(8));
    }

    @BeforeEach
    void startServer() {
        store = new CountingStore(newStore());
        server = container()
                .filter(new SessionFilter(config().build()), "/*")
                .servlet(new SessionServlet(), "/s/*")
                .start();
        browser = new CookieClient();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected String get(String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), () -> path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    protected String sessionId() {
        String info = get("/s/info");
        return info.lines().filter(l -> l.startsWith("session=")).findFirst().orElseThrow().substring("session=".length());
    }

    @Test
    public void firstUseCreatesSessionWithSecureHttpOnlyLaxCookieAndNoMaxAge() {
        server.close();
        store = new CountingStore(newStore());
        server = container().filter(new SessionFilter(config().secure(true).build()), "/*")
                .servlet(new SessionServlet(), "/s/*").start();
        assertEquals("1", get("/s/count"));
        SetCookie cookie = browser.lastSetCookie(COOKIE);
        assertNotNull(cookie, "the first use of the session sends the cookie");
        assertTrue(cookie.has("HttpOnly"));
        assertTrue(cookie.has("Secure"));
        assertEquals("Lax", cookie.attribute("SameSite"));
        assertEquals("/", cookie.attribute("Path"));
        assertNull(cookie.attribute("Max-Age"), "a browser-session cookie by default");
    }

    @Test
    public void counterSurvivesAcrossRequests() {
        assertEquals("1", get("/s/count"));
        assertEquals("2", get("/s/count"));
        assertEquals("3", get("/s/count"));
    }

    @Test
    public void cookieCarriesIdAndSignature() {
        get("/s/count");
        String value = browser.cookie(COOKIE);
        String id = sessionId();
        assertTrue(value.startsWith(id + "."), "cookie is id.signature");
        assertTrue(id.length() >= 43, "at least 256 bits of ID");
    }

    @Test
    public void requestThatNeverTouchesTheSessionLoadsAndWritesNothing() {
        get("/s/count");
        store.reset();
        assertEquals("none", get("/s/none"));
        assertEquals(0, store.loads.get());
        assertTrue(store.saves.isEmpty());
        assertNull(browser.lastSetCookie(COOKIE));
    }

    @Test
    public void readOnlyRequestWritesNothing() {
        get("/s/set?name=a&value=1");
        store.reset();
        assertEquals("1", get("/s/get?name=a"));
        assertEquals(1, store.loads.get());
        assertTrue(store.saves.isEmpty(), () -> "saved " + store.saves);
        assertNull(browser.lastSetCookie(COOKIE), "no cookie rewrite for an existing session");
    }

    @Test
    public void updateWritesOnlyTheChangedAttribute() {
        get("/s/set?name=a&value=1");
        get("/s/set?name=b&value=2");
        store.reset();
        get("/s/set?name=b&value=3");
        assertEquals(1, store.saves.size());
        assertEquals(java.util.Set.of("b"), store.saves.get(0).set());
        assertTrue(store.saves.get(0).removed().isEmpty());
        assertEquals("1", get("/s/get?name=a"));
        assertEquals("3", get("/s/get?name=b"));
    }

    @Test
    public void removeAttributeIsSavedAsRemoval() {
        get("/s/set?name=a&value=1");
        store.reset();
        get("/s/remove?name=a");
        assertEquals(java.util.Set.of("a"), store.saves.get(0).removed());
        assertEquals("null", get("/s/get?name=a"));
    }

    @Test
    public void invalidateDeletesSessionAndClearsCookie() {
        get("/s/set?name=a&value=1");
        String before = browser.cookie(COOKIE);
        get("/s/invalidate");
        SetCookie cleared = browser.lastSetCookie(COOKIE);
        assertNotNull(cleared);
        assertEquals("0", cleared.attribute("Max-Age"));
        assertNull(browser.cookie(COOKIE));
        browser.setCookie(COOKIE, before);
        assertEquals("no-session", get("/s/get?name=a"), "the old cookie names nothing any more");
    }

    @Test
    public void rotateIssuesNewIdKeepsDataAndKillsOldId() {
        get("/s/set?name=a&value=kept");
        String oldCookie = browser.cookie(COOKIE);
        String oldId = sessionId();
        String newId = get("/s/rotate");
        assertNotEquals(oldId, newId);
        assertEquals(newId, sessionId());
        assertEquals("kept", get("/s/get?name=a"));
        browser.setCookie(COOKIE, oldCookie);
        assertEquals("no-session", get("/s/get?name=a"), "the pre-rotation cookie is dead");
    }

    @Test
    public void changeSessionIdRotatesLikeRotate() {
        get("/s/set?name=a&value=kept");
        String oldCookie = browser.cookie(COOKIE);
        String oldId = sessionId();
        String newId = get("/s/change-id");
        assertNotEquals(oldId, newId);
        assertEquals(newId, sessionId());
        assertEquals("kept", get("/s/get?name=a"));
        browser.setCookie(COOKIE, oldCookie);
        assertEquals("no-session", get("/s/get?name=a"), "the pre-rotation cookie is dead");
    }

    @Test
    public void loginRotatesAndRecordsPrincipal() {
        get("/s/count");
        String anonymous = sessionId();
        String loggedIn = get("/s/login?user=alice");
        assertNotEquals(anonymous, loggedIn);
        assertEquals("alice", get("/s/principal"), "the principal is recorded");
        assertEquals("2", get("/s/count"), "data survives login");
        List<String> indexed = store.admin().orElseThrow().sessionsOf("alice").stream()
                .map(dev.sessionkit.store.SessionInfo::id).toList();
        assertEquals(1, indexed.size(), "and indexed under the user");
        assertNotEquals(loggedIn, indexed.get(0), "under a keyed hash of the ID: the store never sees the cookie's ID");
    }

    @Test
    public void recordPrincipalNamesTheUserWithoutRotatingAndIndexesTheSession() {
        get("/s/count");
        String id = sessionId();
        assertEquals("ok", get("/s/record?user=bob"));
        assertEquals("bob", get("/s/principal"));
        assertEquals(id, sessionId(), "the ID is kept");
        assertEquals(1, store.admin().orElseThrow().sessionsOf("bob").size());
    }

    @Test
    public void recordPrincipalWithoutASessionIsRefusedAndCreatesNone() {
        assertEquals("no-session", get("/s/record?user=bob"));
        assertNull(browser.cookie(COOKIE));
    }

    @Test
    public void theRequestedIdIsValidWhenTheRequestAsksThatBeforeAnythingElse() {
        get("/s/count");
        assertEquals("true", get("/s/valid"));
        browser.setCookie(COOKIE, "forged");
        assertEquals("false", get("/s/valid"));
    }

    @Test
    public void requestRacingALoginWithThePreLoginCookieNeitherReplacesTheLoginCookieNorSeesTheLoggedInSession() {
        get("/s/count");
        String preLogin = browser.cookie(COOKIE);
        get("/s/login?user=alice");
        String loggedIn = browser.cookie(COOKIE);
        store.reset();

        browser.setCookie(COOKIE, preLogin); // another tab's request, sent before the login's response arrived
        assertEquals("1", get("/s/count"), "it gets a session of its own, which works for the request");
        assertNull(browser.lastSetCookie(COOKIE), "but no cookie that would replace the login cookie");
        assertEquals("null", get("/s/principal"), "and never the logged-in session");
        assertTrue(store.saves.isEmpty(), () -> "nothing is stored for it: " + store.saves);

        browser.setCookie(COOKIE, loggedIn);
        assertEquals("alice", get("/s/principal"), "the user is still signed in");
    }

    @Test
    public void tamperedSignatureGetsFreshSession() {
        get("/s/set?name=a&value=secret");
        String value = browser.cookie(COOKIE);
        char last = value.charAt(value.length() - 1);
        browser.setCookie(COOKIE, value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A'));
        store.reset();
        assertEquals("no-session", get("/s/get?name=a"));
        assertEquals(0, store.loads.get(), "a bad signature is rejected before any store lookup");
    }

    @Test
    public void signedButUnknownIdIsNeverAdopted() {
        get("/s/count");
        String id = sessionId();
        get("/s/invalidate");
        // A correctly signed cookie for an ID the store does not know: the server must mint its own.
        browser.setCookie(COOKIE, signedCookieFor(id));
        assertEquals("1", get("/s/count"));
        assertNotEquals(id, sessionId());
    }

    protected String signedCookieFor(String id) {
        return dev.sessionkit.filter.TestSigner.sign(List.of(SECRET), COOKIE, id);
    }

    @Test
    public void idleSessionExpires() {
        get("/s/set?name=a&value=1");
        clock.advance(Duration.ofMinutes(31));
        assertEquals("no-session", get("/s/get?name=a"));
    }

    @Test
    public void activeSessionSlidesPastTheIdleTimeout() {
        get("/s/set?name=a&value=1");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertEquals("1", get("/s/get?name=a"), "each access extends the idle deadline");
        }
    }

    @Test
    public void absoluteTimeoutEndsEvenAnActiveSession() {
        get("/s/set?name=a&value=1");
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertEquals("1", get("/s/get?name=a"), "7h44m of activity is allowed");
        }
        clock.advance(Duration.ofMinutes(20));
        assertEquals("no-session", get("/s/get?name=a"), "8h04m is past the 8h cap");
    }

    @Test
    public void redirectCarriesSetCookie() {
        HttpResponse<String> response = browser.get(server.uri("/s/redirect"));
        assertEquals(302, response.statusCode());
        assertNotNull(browser.lastSetCookie(COOKIE));
        assertEquals("yes", browser.follow(response).body());
    }

    @Test
    public void errorResponseStillSavesSession() {
        HttpResponse<String> response = browser.get(server.uri("/s/error"));
        assertEquals(404, response.statusCode());
        assertNotNull(browser.lastSetCookie(COOKIE));
        assertEquals("yes", get("/s/get?name=errored"));
    }

    @Test
    public void streamedResponseCarriesSetCookie() {
        HttpResponse<String> response = browser.get(server.uri("/s/stream"));
        assertEquals(200, response.statusCode());
        assertEquals(32 * 8192, response.body().length());
        assertNotNull(browser.lastSetCookie(COOKIE));
        assertEquals("yes", get("/s/get?name=streamed"));
    }

    @Test
    public void changeAfterBodyCommitIsStillSaved() {
        get("/s/count");
        get("/s/after-commit");
        assertEquals("yes", get("/s/get?name=late"));
    }

    @Test
    public void asyncRequestSavesOnCompletion() {
        assertEquals("async", get("/s/async"));
        assertEquals("yes", get("/s/get?name=async"));
    }

    @Test
    public void requestedSessionIdMethodsFollowTheSpec() {
        String fresh = get("/s/info");
        assertTrue(fresh.contains("requested=null"));
        assertTrue(fresh.contains("fromCookie=false"));
        get("/s/count");
        String id = sessionId();
        String info = get("/s/info");
        assertTrue(info.contains("requested=" + id));
        assertTrue(info.contains("valid=true"));
        assertTrue(info.contains("fromCookie=true"));
        assertTrue(info.contains("new=false"));
    }

    @Test
    public void concurrentRequestsSettingDifferentAttributesLoseNothing() throws Exception {
        get("/s/count");
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        assertEquals(200, browser.get(server.uri("/s/set?name=t" + thread + "&value=" + i)).statusCode());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(String.valueOf(perThread - 1), get("/s/get?name=t" + t));
        }
    }

    @Test
    public void rotationDuringConcurrentWritesNeitherResurrectsNorLosesAcknowledgedData() throws Exception {
        for (int i = 0; i < 5; i++) {
            get("/s/set?name=before" + i + "&value=kept");
        }
        java.util.concurrent.atomic.AtomicReference<String> cookie = new java.util.concurrent.atomic.AtomicReference<>(browser.cookie(COOKIE));
        List<String> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
        int writers = 4;
        int writes = 25;
        String[] lastSaved = new String[writers];
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    CookieClient own = new CookieClient();
                    for (int i = 0; i < writes; i++) {
                        own.setCookie(COOKIE, cookie.get());
                        HttpResponse<String> r = own.get(server.uri("/s/set-if-present?name=w" + writer + "&value=" + i));
                        assertEquals(200, r.statusCode());
                        if (r.body().equals("saved")) {
                            lastSaved[writer] = String.valueOf(i);
                        }
                    }
                }));
            }
            done.add(pool.submit(() -> {
                CookieClient rotator = new CookieClient();
                for (int i = 0; i < 5; i++) {
                    String current = cookie.get();
                    rotator.setCookie(COOKIE, current);
                    assertEquals(200, rotator.get(server.uri("/s/rotate")).statusCode());
                    retired.add(current);
                    cookie.set(rotator.cookie(COOKIE));
                    Thread.sleep(5);
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        browser.setCookie(COOKIE, cookie.get());
        for (int i = 0; i < 5; i++) {
            assertEquals("kept", get("/s/get?name=before" + i), "data from before the rotations survives");
        }
        for (int w = 0; w < writers; w++) {
            assertNotNull(lastSaved[w], "writer " + w + " had at least one write acknowledged");
            assertEquals(lastSaved[w], get("/s/get?name=w" + w), "an acknowledged write is never lost");
        }
        for (String old : retired) {
            CookieClient replay = new CookieClient();
            replay.setCookie(COOKIE, old);
            assertEquals("no-session", replay.get(server.uri("/s/get?name=before0")).body(), "a rotated-away ID stays dead");
        }
    }

    @Test
    public void newSessionIsNewOnlyOnItsFirstRequest() {
        assertEquals("new=true", get("/s/new"));
        assertEquals("new=false", get("/s/new"));
    }
}
