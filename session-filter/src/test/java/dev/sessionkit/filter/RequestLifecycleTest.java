package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.CountingStore;
import dev.sessionkit.testapp.MutableClock;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testapp.TokenCookieStore;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.SetCookie;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What one request does with the session it finds: expired ones are ended and counted, loads are
 * counted, a client-side session is resealed when its access is due, an unreadable sealed cookie is
 * cleared, and a persistent cookie's Max-Age follows the session's own timeout. Through embedded Jetty.
 */
class RequestLifecycleTest {

    private static final String SECRET = "request-lifecycle-secret-0123456789abcd";

    private final MutableClock clock = new MutableClock();
    private final CookieClient browser = new CookieClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private ServletContainer server;

    private void start(SessionStore store, UnaryOperator<SessionConfigBuilder> options) {
        HttpSessionListener listener = new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent event) {
                events.add("created");
            }

            @Override
            public void sessionDestroyed(HttpSessionEvent event) {
                events.add("destroyed");
            }
        };
        SessionConfig config = options.apply(SessionConfig.builder().secret(SECRET).secure(false).store(store).clock(clock)
                .metrics(new MicrometerSessionMetrics(registry)).listener(listener)).build();
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

    private double counter(String name) {
        return registry.counter("sessionkit." + name).count();
    }

    @Test
    void aSessionPastItsAbsoluteTimeoutIsDeletedCountedAndAnnouncedOnce() {
        CountingStore store = new CountingStore(InMemorySessionStore.builder().build());
        start(store, b -> b.absoluteTimeout(Duration.ofHours(1)).idleTimeout(Duration.ofHours(2)));
        get("/s/set?name=a&value=1");
        assertEquals(1.0, counter("sessions.started"));
        get("/s/get?name=a");
        assertEquals(1.0, counter("sessions.loaded"));
        clock.advance(Duration.ofMinutes(61));
        store.reset();
        events.clear();
        assertEquals("no-session", get("/s/get?name=a"));
        assertEquals(1, store.deletes.get(), "the expired session is deleted, not left to a TTL");
        assertEquals(1.0, counter("sessions.expired"));
        assertEquals(List.of("destroyed"), events);
        assertEquals(1.0, counter("sessions.loaded"), "an expired session is not a load");
    }

    @Test
    void aClientSideSessionIsResealedWhenItsAccessIsDueAndOnlyThen() {
        start(new TokenCookieStore(), b -> b.touchInterval(Duration.ofMinutes(1)));
        get("/s/set?name=a&value=1");
        String first = browser.cookie("SESSION");
        get("/s/get?name=a");
        assertNull(browser.lastSetCookie("SESSION"), "a read within the touch interval rewrites nothing");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("1", get("/s/get?name=a"));
        SetCookie resealed = browser.lastSetCookie("SESSION");
        assertNotNull(resealed, "the cookie is the only record of the access, so it is rewritten");
        assertNotEquals(first, resealed.value());
    }

    @Test
    void aClientSideSessionGetsItsNewIdWrittenOnRotation() {
        start(new TokenCookieStore(), b -> b);
        get("/s/set?name=a&value=1");
        String before = browser.cookie("SESSION");
        get("/s/rotate");
        assertNotNull(browser.lastSetCookie("SESSION"));
        assertNotEquals(before, browser.cookie("SESSION"));
        assertEquals("1", get("/s/get?name=a"));
    }

    @Test
    void anUnreadableSealedCookieIsClearedAndCountedAsBadSignature() {
        start(new TokenCookieStore(), b -> b);
        browser.setCookie("SESSION", "not-a-session");
        assertEquals("no-session", get("/s/get?name=a"));
        SetCookie cleared = browser.lastSetCookie("SESSION");
        assertNotNull(cleared, "a sealed cookie that does not open is cleared, or every request would try it again");
        assertEquals("0", cleared.attribute("Max-Age"));
        assertEquals(1.0, registry.counter("sessionkit.sessions.rejected", "reason", "bad_signature").count());
        assertEquals(0.0, registry.counter("sessionkit.sessions.rejected", "reason", "unknown_id").count());
    }

    @Test
    void anUnknownSignedIdIsLeftAloneAndCountedAsUnknown() {
        start(InMemorySessionStore.builder().build(), b -> b);
        get("/s/set?name=a&value=1");
        String cookie = browser.cookie("SESSION");
        get("/s/invalidate");
        browser.setCookie("SESSION", cookie);
        assertEquals("no-session", get("/s/get?name=a"));
        assertNull(browser.lastSetCookie("SESSION"), "it may be an old ID racing a rotation: clearing it could delete the new cookie");
        assertEquals(1.0, registry.counter("sessionkit.sessions.rejected", "reason", "unknown_id").count());
        assertEquals(0.0, registry.counter("sessionkit.sessions.rejected", "reason", "bad_signature").count());
    }

    @Test
    void aPersistentCookieLivesAsLongAsTheSessionsOwnTimeoutOrTheAbsoluteOne() {
        start(InMemorySessionStore.builder().build(), b -> b.persistentCookie(true).saveEmptySessions(true).absoluteTimeout(Duration.ofHours(3)));
        get("/s/timeout?seconds=90");
        assertEquals("90", browser.lastSetCookie("SESSION").attribute("Max-Age"));
        browser.clearCookies();
        get("/s/timeout?seconds=1");
        assertEquals("1", browser.lastSetCookie("SESSION").attribute("Max-Age"), "one second is a timeout too");
        browser.clearCookies();
        get("/s/timeout?seconds=0");
        assertEquals("10800", browser.lastSetCookie("SESSION").attribute("Max-Age"),
                "a session that never idles out lives until the absolute timeout");
    }
}
