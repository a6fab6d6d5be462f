package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EventListener;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the builder is given is what the configuration holds, the defaults are the documented ones, and each range ends where its message says. */
class BuilderValuesTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String PREVIOUS = "zyxwvutsrqponmlkjihgfedcba9876543210";

    private static SessionConfigBuilder builder() {
        return SessionConfig.builder().secret(SECRET);
    }

    @Test
    void everyOptionSetIsTheOptionRead() {
        SessionStore store = InMemorySessionStore.builder().build();
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        SessionMetrics metrics = new SessionMetrics() {
        };
        EventListener listener = new HttpSessionListener() {
        };
        SessionConfig config = builder().store(store).cookieName("SID").secure(false).sameSite(SameSite.STRICT)
                .cookiePath("/app").cookieDomain("example.com").persistentCookie(true)
                .idleTimeout(Duration.ofMinutes(7)).absoluteTimeout(Duration.ofHours(3)).touchInterval(Duration.ofSeconds(9))
                .saveMode(SaveMode.ALWAYS).saveEmptySessions(true).maxConcurrentStoreCalls(7)
                .allowedTypes(List.of("a.B")).allowedTypes(Integer.class).unavailableStatus(429)
                .listener(listener).clock(clock).metrics(metrics).build();
        assertSame(store, config.store());
        assertEquals("SID", config.cookieName());
        assertFalse(config.secure());
        assertEquals(SameSite.STRICT, config.sameSite());
        assertEquals("/app", config.cookiePath());
        assertEquals("example.com", config.cookieDomain());
        assertTrue(config.persistentCookie());
        assertEquals(Duration.ofMinutes(7), config.idleTimeout());
        assertEquals(Duration.ofHours(3), config.absoluteTimeout());
        assertEquals(Duration.ofSeconds(9), config.touchInterval());
        assertEquals(SaveMode.ALWAYS, config.saveMode());
        assertTrue(config.saveEmptySessions());
        assertEquals(7, config.maxConcurrentStoreCalls());
        assertEquals(List.of("a.B", "java.lang.Integer"), config.allowedTypes());
        assertEquals(429, config.unavailableStatus());
        assertEquals(List.of(listener), config.listeners());
        assertSame(clock, config.clock());
        assertSame(metrics, config.metrics());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SessionConfig config = builder().build();
        assertInstanceOf(InMemorySessionStore.class, config.store());
        assertEquals("SESSION", config.cookieName());
        assertTrue(config.secure());
        assertEquals(SameSite.LAX, config.sameSite());
        assertNull(config.cookiePath());
        assertNull(config.cookieDomain());
        assertFalse(config.persistentCookie());
        assertEquals(Duration.ofMinutes(30), config.idleTimeout());
        assertEquals(Duration.ofHours(8), config.absoluteTimeout());
        assertEquals(Duration.ofMinutes(1), config.touchInterval());
        assertEquals(SaveMode.ON_SET_ATTRIBUTE, config.saveMode());
        assertFalse(config.saveEmptySessions());
        assertEquals(SessionConfig.DEFAULT_MAX_CONCURRENT_STORE_CALLS, config.maxConcurrentStoreCalls());
        assertEquals(128, SessionConfig.DEFAULT_MAX_CONCURRENT_STORE_CALLS);
        assertEquals(List.of(), config.allowedTypes());
        assertEquals(503, config.unavailableStatus());
        assertEquals(List.of(), config.listeners());
        assertSame(SessionMetrics.NONE, config.metrics());
        assertNull(config.signingKeyset());
    }

    @Test
    void theTouchIntervalDefaultsToAQuarterOfTheIdleTimeoutAndAtMostAMinute() {
        assertEquals(Duration.ofSeconds(30), builder().idleTimeout(Duration.ofMinutes(2)).build().touchInterval());
        assertEquals(Duration.ofMinutes(1), builder().idleTimeout(Duration.ofMinutes(4)).build().touchInterval(),
                "exactly a minute at a four-minute idle timeout");
        assertEquals(Duration.ofMinutes(1), builder().idleTimeout(Duration.ofHours(2)).build().touchInterval());
        assertEquals(Duration.ofMinutes(1), builder().idleTimeout(Duration.ZERO).build().touchInterval(),
                "no idle timeout: the access is still recorded once a minute");
    }

    @Test
    void theCurrentSecretSignsAndPreviousOnesFollowInTheOrderGiven() {
        String third = "Q1w2E3r4T5y6U7i8O9p0AaSsDdFfGgHhJjKkLl";
        assertEquals(List.of(SECRET, PREVIOUS, third),
                SessionConfig.builder().previousSecret(PREVIOUS).secret(SECRET).previousSecret(third).build().secrets());
    }

    @Test
    void theHostPrefixNamesTheCookieAndPinsItsPathToTheRoot() {
        SessionConfig config = builder().hostPrefix(true).build();
        assertEquals("__Host-SESSION", config.cookieName());
        assertEquals("/", config.cookiePath());
        assertEquals("__Host-SESSION", builder().hostPrefix(true).cookiePath("/").build().cookieName(),
                "an explicit root path is allowed");
        assertThrows(SessionException.class, () -> builder().hostPrefix(true).cookieDomain("example.com").build());
        assertThrows(SessionException.class, () -> builder().hostPrefix(true).cookiePath("/app").build());
    }

    @Test
    void sameSiteNoneIsAllowedOnSecureCookies() {
        assertEquals(SameSite.NONE, builder().sameSite(SameSite.NONE).build().sameSite());
        assertThrows(SessionException.class, () -> builder().sameSite(SameSite.NONE).secure(false).build());
        assertEquals(SameSite.STRICT, builder().sameSite(SameSite.STRICT).secure(false).build().sameSite());
    }

    @Test
    void rangesEndWhereTheirMessagesSay() {
        assertEquals(400, builder().unavailableStatus(400).build().unavailableStatus());
        assertEquals(599, builder().unavailableStatus(599).build().unavailableStatus());
        assertThrows(SessionException.class, () -> builder().unavailableStatus(399));
        assertThrows(SessionException.class, () -> builder().unavailableStatus(600));
        assertEquals(0, builder().maxConcurrentStoreCalls(0).build().maxConcurrentStoreCalls(), "0 turns the limit off");
        assertTrue(assertThrows(SessionException.class, () -> builder().maxConcurrentStoreCalls(-1)).getMessage()
                .contains("store.max-concurrent-calls"));
        assertEquals(Duration.ZERO, builder().idleTimeout(Duration.ZERO).build().idleTimeout(), "0 turns it off");
        assertEquals(Duration.ZERO, builder().absoluteTimeout(Duration.ZERO).build().absoluteTimeout());
        assertEquals(Duration.ZERO, builder().touchInterval(Duration.ZERO).build().touchInterval());
        assertThrows(SessionException.class, () -> builder().absoluteTimeout(Duration.ofSeconds(-1)));
        assertThrows(SessionException.class, () -> builder().touchInterval(Duration.ofSeconds(-1)));
    }

    @Test
    void aBuiltConfigurationIsNotChangedByItsBuilderAfterwards() {
        SessionConfigBuilder builder = builder().allowedTypes(List.of("a.B"));
        SessionConfig config = builder.build();
        builder.allowedTypes(List.of("c.D")).previousSecret(PREVIOUS);
        assertEquals(List.of("a.B"), config.allowedTypes());
        assertEquals(List.of(SECRET), config.secrets());
        assertThrows(UnsupportedOperationException.class, () -> config.allowedTypes().add("e.F"));
    }

    @Test
    void theSummaryNamesTheStoreAndTimeoutsButNeverTheSecret() {
        String summary = builder().idleTimeout(Duration.ofMinutes(90)).absoluteTimeout(Duration.ofDays(2))
                .touchInterval(Duration.ofSeconds(45)).build().toString();
        assertFalse(summary.contains(SECRET), summary);
        assertTrue(summary.contains("90m"), summary);
        assertTrue(summary.contains("2d"), summary);
        assertTrue(summary.contains("45s"), summary);
        assertTrue(builder().idleTimeout(Duration.ofHours(3)).build().toString().contains("3h"));
        assertTrue(builder().absoluteTimeout(Duration.ZERO).build().toString().contains("0 (off)"));
        assertTrue(builder().touchInterval(Duration.ofMillis(1500)).build().toString().contains("PT1.5S"));
    }

    @Test
    void theSummaryDescribesTheCookieSigningAndHandlers() {
        String defaults = builder().build().toString();
        assertTrue(defaults.contains("cookie=SESSION (Secure, HttpOnly, SameSite=Lax, Path=<context path>, host-only,"
                + " browser session), save-mode=on-set-attribute, signing=1 secret, unavailable.status=503,"
                + " listeners=0, metrics=none"), defaults);
        String changed = builder().previousSecret(PREVIOUS).secure(false).cookiePath("/app").cookieDomain("example.com")
                .persistentCookie(true).saveMode(SaveMode.ON_GET_ATTRIBUTE).unavailableStatus(500)
                .listener(new HttpSessionListener() {
                }).metrics(new SessionMetrics() {
                }).build().toString();
        assertTrue(changed.contains("cookie=SESSION (NOT Secure, HttpOnly, SameSite=Lax, Path=/app, Domain=example.com,"
                + " persistent), save-mode=on-get-attribute, signing=2 secrets, unavailable.status=500, listeners=1,"
                + " metrics="), changed);
        assertFalse(changed.contains("metrics=none"), changed);
    }
}
