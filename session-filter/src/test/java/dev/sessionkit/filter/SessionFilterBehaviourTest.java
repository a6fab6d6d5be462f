package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.config.SaveMode;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.testapp.CountingStore;
import dev.sessionkit.testapp.MutableClock;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.SetCookie;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filter options and edge cases, through embedded Jetty. */
class SessionFilterBehaviourTest {

    private static final String SECRET = "behaviour-secret-0123456789abcdefghij";

    private final MutableClock clock = new MutableClock();
    private final CookieClient browser = new CookieClient();
    private ServletContainer server;
    private CountingStore store;

    private void start(UnaryOperator<SessionConfigBuilder> options) {
        store = new CountingStore(InMemorySessionStore.builder().build());
        start(store, options);
    }

    private void start(SessionStore sessionStore, UnaryOperator<SessionConfigBuilder> options) {
        SessionConfig config = options.apply(SessionConfig.builder().secret(SECRET).secure(false).store(sessionStore).clock(clock)).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
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

    @Test
    void aForwardThroughTheFilterAgainKeepsTheSessionOfTheRequestThatForwarded() {
        store = new CountingStore(InMemorySessionStore.builder().build());
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false).store(store).clock(clock).build();
        server = JettyServer.builder()
                .filter(new SessionFilter(config), java.util.Map.of(),
                        java.util.Set.of(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.FORWARD), "/*")
                .servlet(new SessionServlet(), "/s/*")
                .servlet(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                                         jakarta.servlet.http.HttpServletResponse response)
                            throws jakarta.servlet.ServletException, java.io.IOException {
                        request.getRequestDispatcher("/s/count").forward(request, response);
                    }
                }, "/forward")
                .start();

        assertEquals("1", get("/forward"), "the forwarded-to servlet is reached");
        assertEquals("2", get("/forward"), "and counts in the session the browser's cookie names");
    }

    @Test
    void valueChangedInPlaceIsSavedOnlyWhenMarkedDirty() {
        start(b -> b);
        get("/s/append?value=a");
        get("/s/append?value=b");
        assertEquals("[a]", get("/s/list"), "a value changed in place without markDirty is not saved");
        get("/s/append?value=c&dirty=true");
        assertEquals("[a, c]", get("/s/list"));
    }

    @Test
    void onGetAttributeModeSavesValuesThatWereRead() {
        start(b -> b.saveMode(SaveMode.ON_GET_ATTRIBUTE));
        get("/s/append?value=a");
        get("/s/append?value=b");
        assertEquals("[a, b]", get("/s/list"));
    }

    @Test
    void alwaysModeRewritesEveryAttribute() {
        start(b -> b.saveMode(SaveMode.ALWAYS));
        get("/s/set?name=a&value=1");
        get("/s/set?name=b&value=2");
        store.reset();
        get("/s/get?name=a");
        assertEquals(1, store.saves.size());
        assertEquals(java.util.Set.of("a", "b"), store.saves.get(0).set());
    }

    @Test
    void persistentCookieCarriesMaxAgeOfTheIdleTimeout() {
        start(b -> b.persistentCookie(true).idleTimeout(Duration.ofMinutes(20)));
        get("/s/count");
        assertEquals("1200", browser.lastSetCookie("SESSION").attribute("Max-Age"));
    }

    @Test
    void persistentCookieIsRefreshedWhenTheAccessIsRecorded() {
        start(b -> b.persistentCookie(true).touchInterval(Duration.ofMinutes(1)));
        get("/s/count");
        get("/s/get?name=count");
        assertNull(browser.lastSetCookie("SESSION"), "within the touch interval nothing is rewritten");
        clock.advance(Duration.ofMinutes(2));
        get("/s/get?name=count");
        assertNotNull(browser.lastSetCookie("SESSION"), "the sliding Max-Age is renewed with the recorded access");
    }

    @Test
    void hostPrefixNamesTheCookie() {
        start(b -> b.secure(true).hostPrefix(true));
        get("/s/count");
        SetCookie cookie = browser.lastSetCookie("__Host-SESSION");
        assertNotNull(cookie);
        assertEquals("/", cookie.attribute("Path"));
        assertNull(cookie.attribute("Domain"));
        assertTrue(cookie.has("Secure"));
    }

    @Test
    void perSessionTimeoutOverridesTheDefault() {
        start(b -> b.idleTimeout(Duration.ofMinutes(30)));
        get("/s/timeout?seconds=60");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("no-session", get("/s/get?name=count"));
    }

    @Test
    void requestRacingARotationWithTheOldCookieDoesNotDeleteTheNewCookie() {
        start(b -> b);
        get("/s/count");
        String old = browser.cookie("SESSION");
        get("/s/rotate");
        String rotated = browser.cookie("SESSION");
        browser.setCookie("SESSION", old); // a request sent before the rotation's response arrived
        assertEquals("no-session", get("/s/get?name=count"));
        assertNull(browser.lastSetCookie("SESSION"), "no Set-Cookie that would delete the rotated cookie");
        browser.setCookie("SESSION", rotated);
        assertEquals("1", get("/s/get?name=count"));
    }

    @Test
    void aRotatedAwayCookiePastTheGraceGetsAnOrdinaryFreshSession() {
        start(b -> b);
        get("/s/count");
        String preLogin = browser.cookie("SESSION");
        get("/s/login?user=alice");

        clock.advance(Duration.ofMillis(dev.sessionkit.store.SessionStore.ROTATION_GRACE_MILLIS + 1));
        browser.setCookie("SESSION", preLogin);
        assertEquals("1", get("/s/count"));
        assertNotNull(browser.lastSetCookie("SESSION"), "a returning visitor gets a cookie again");
    }

    @Test
    void aSessionThatHoldsNothingIsNeitherStoredNorGivenACookie() {
        List<String> events = new CopyOnWriteArrayList<>();
        start(b -> b.listener((java.util.EventListener) new RecordingListener(events)));
        for (int i = 0; i < 3; i++) {
            get("/s/touch");
        }
        assertNull(browser.lastSetCookie("SESSION"));
        assertTrue(store.saves.isEmpty(), () -> "saved " + store.saves);
        assertEquals(List.of("created", "destroyed", "created", "destroyed", "created", "destroyed"), events,
                "listeners hear each unsaved session end with its request");

        get("/s/set?name=a&value=1");
        assertNotNull(browser.lastSetCookie("SESSION"), "the first attribute stores it and sends the cookie");
        assertEquals(1, store.saves.size());
    }

    @Test
    void saveEmptySessionsStoresAndSendsEveryCreatedSession() {
        start(b -> b.saveEmptySessions(true));
        get("/s/touch");
        assertNotNull(browser.lastSetCookie("SESSION"));
        assertEquals(1, store.saves.size());
    }

    @Test
    void aHeaderStuffedWithSignedCookiesCostsABoundedNumberOfStoreReads() throws Exception {
        start(b -> b);
        dev.sessionkit.filter.CookieSigner signer = dev.sessionkit.filter.CookieSigner.fromSecrets(List.of(SECRET), "SESSION");
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            header.append(i == 0 ? "" : "; ").append("SESSION=").append(signer.sign(dev.sessionkit.store.SessionIds.newId()));
        }
        store.reset();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri("/s/get?name=a")).header("Cookie", header.toString()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("no-session", response.body());
        assertEquals(4, store.loads.get(), "at most four candidates are looked up");
    }

    @Test
    void whileTheStoreHangsRequestsBeyondTheCallLimitGet503AtOnceAndSessionlessRequestsAreServed() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);
        SessionStore hanging = new ForwardingSessionStore(InMemorySessionStore.builder().build()) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                entered.release();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.load(token, now, touchAfterMillis);
            }
        };
        start(hanging, b -> b.maxConcurrentStoreCalls(2));
        get("/s/set?name=a&value=1");
        java.util.concurrent.ExecutorService stuck = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(stuck.submit(() -> browser.get(server.uri("/s/get?name=a"))));
            }
            entered.acquire(2); // both calls are inside the store, which does not answer

            // Without the limit the third caller would hang with the others; the timeout turns that into a failure.
            assertEquals(503, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> browser.get(server.uri("/s/get?name=a")).statusCode()), "a third caller is turned away at once");
            assertEquals("none", get("/s/none"), "a request that needs no session is served");

            release.countDown();
            for (java.util.concurrent.Future<HttpResponse<String>> response : waiting) {
                assertEquals("1", response.get().body(), "the callers inside finish when the store answers");
            }
        } finally {
            release.countDown();
            stuck.shutdownNow();
        }
    }

    @Test
    void validCookieWinsOverADuplicateForgedOne() throws Exception {
        start(b -> b);
        get("/s/set?name=a&value=mine");
        String valid = browser.cookie("SESSION");
        for (String header : List.of("SESSION=forged.value; SESSION=" + valid, "SESSION=" + valid + "; SESSION=forged.value")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.uri("/s/get?name=a")).header("Cookie", header).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("mine", response.body(), header);
        }
    }

    @Test
    void storeOutageAnswers503AndRecovers() {
        FlakyStore flaky = new FlakyStore();
        start(flaky, b -> b);
        assertEquals("1", get("/s/count"));
        flaky.down = true;
        HttpResponse<String> response = browser.get(server.uri("/s/count"));
        assertEquals(503, response.statusCode());
        assertNotNull(response.headers().firstValue("Retry-After").orElse(null));
        flaky.down = false;
        assertEquals("2", get("/s/count"), "nothing was written while down, and the session is intact");
    }

    @Test
    void unavailableStatusIsConfigurable() {
        FlakyStore flaky = new FlakyStore();
        flaky.down = true;
        start(flaky, b -> b.unavailableStatus(500));
        assertEquals(500, browser.get(server.uri("/s/count")).statusCode());
    }

    @Test
    void sessionListenersSeeCreateAttributeIdChangeAndDestroy() {
        List<String> events = new CopyOnWriteArrayList<>();
        Object listener = new RecordingListener(events);
        start(b -> b.listener((java.util.EventListener) listener));
        get("/s/set?name=a&value=1");
        get("/s/set?name=a&value=2");
        get("/s/rotate");
        get("/s/remove?name=a");
        get("/s/invalidate");
        assertEquals(List.of("created", "added:a", "replaced:a", "idChanged", "removed:a", "destroyed"), events);
    }

    @Test
    void bindingListenerValuesHearBindAndUnbindAcrossRequests() {
        dev.sessionkit.testapp.BoundValue.EVENTS.clear();
        start(b -> b.allowedTypes(dev.sessionkit.testapp.BoundValue.class));
        get("/s/bind?name=v&value=first");
        get("/s/bind?name=v&value=second");
        get("/s/bind?name=w&value=third");
        get("/s/remove?name=w");
        get("/s/invalidate");
        assertEquals(List.of("bound:first", "bound:second", "unbound:first", "bound:third", "unbound:third",
                "unbound:second"), dev.sessionkit.testapp.BoundValue.EVENTS,
                "values read back from the store are unbound on replace, remove and invalidate");
    }

    @Test
    void idleExpiryFoundOnLoadFiresDestroyed() {
        List<String> events = new CopyOnWriteArrayList<>();
        start(b -> b.listener(new RecordingListener(events)));
        get("/s/count");
        clock.advance(Duration.ofHours(1));
        get("/s/get?name=count");
        assertTrue(events.contains("destroyed"), events::toString);
    }

    @Test
    void metricsCountLifecycleRejectionsAndStoreLatency() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        start(InMemorySessionStore.builder().build(), b -> b.metrics(new dev.sessionkit.metrics.MicrometerSessionMetrics(registry)));
        get("/s/count");
        get("/s/count");
        get("/s/rotate");
        String valid = browser.cookie("SESSION");
        browser.setCookie("SESSION", "forged");
        get("/s/get?name=count");
        browser.setCookie("SESSION", valid);
        get("/s/invalidate");
        browser.setCookie("SESSION", valid);
        get("/s/get?name=count");
        assertEquals(1.0, registry.counter("sessionkit.sessions.started").count(), "reads with a bad cookie create nothing");
        assertEquals(1.0, registry.counter("sessionkit.sessions.rotated").count());
        assertEquals(1.0, registry.counter("sessionkit.sessions.invalidated").count());
        assertEquals(1.0, registry.counter("sessionkit.sessions.rejected", "reason", "bad_signature").count());
        assertEquals(1.0, registry.counter("sessionkit.sessions.rejected", "reason", "unknown_id").count());
        assertTrue(registry.timer("sessionkit.store.latency", "operation", "load", "outcome", "ok").count() >= 3);
        assertTrue(registry.summary("sessionkit.session.size").count() >= 1);
        System.gc();
        assertEquals(0.0, registry.get("sessionkit.sessions.active").gauge().value(), "the gauge survives garbage collection");
    }

    static final class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
        private final List<String> events;

        RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void sessionCreated(HttpSessionEvent se) {
            events.add("created");
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent se) {
            events.add("destroyed");
        }

        @Override
        public void attributeAdded(HttpSessionBindingEvent event) {
            events.add("added:" + event.getName());
        }

        @Override
        public void attributeRemoved(HttpSessionBindingEvent event) {
            events.add("removed:" + event.getName());
        }

        @Override
        public void attributeReplaced(HttpSessionBindingEvent event) {
            events.add("replaced:" + event.getName());
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
            events.add("idChanged");
        }
    }

    /** The in-memory store behind a switch that makes every call fail as a dead Redis would. */
    static final class FlakyStore extends ForwardingSessionStore {
        volatile boolean down;

        FlakyStore() {
            super(InMemorySessionStore.builder().build());
        }

        private void check() {
            if (down) {
                throw new SessionStoreUnavailableException("store is down", new java.net.ConnectException("refused"));
            }
        }

        @Override
        public LoadResult load(String token, long now, long touchAfterMillis) {
            check();
            return super.load(token, now, touchAfterMillis);
        }

        @Override
        public String save(SessionData session, SessionChanges changes) {
            check();
            return super.save(session, changes);
        }

        @Override
        public boolean delete(String id, long now) {
            check();
            return super.delete(id, now);
        }

        @Override
        public boolean rotate(String oldId, String newId, long now) {
            check();
            return super.rotate(oldId, newId, now);
        }
    }
}
