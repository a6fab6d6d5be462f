package dev.sessionkit.filter;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.MutableClock;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testapp.TokenCookieStore;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration windows that change what the cookie holds, through a real Jetty: a rollback from a server-side
 * store into a client-side one (a signed ID becomes the sealed session) and a move from a client-side store
 * into a server-side one (the sealed session becomes a signed ID). session-filter's {@link TokenCookieStore}
 * stands in for the cookie store.
 */
class MigrationCookiesTest {

    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
    private static final String NEW_SECRET = "another-secret-9876543210-zyxwvutsrqpon";

    private final InMemorySessionStore serverSide = InMemorySessionStore.builder().build();
    private final MutableClock clock = new MutableClock();
    private final CookieClient browser = new CookieClient();
    private ServletContainer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        serverSide.close();
    }

    private void start(SessionConfigBuilder config) {
        if (server != null) {
            server.close();
        }
        server = JettyServer.builder().filter(new SessionFilter(config.secure(false).clock(clock).build()), "/*")
                .servlet(new SessionServlet(), "/s/*").start();
    }

    private SessionConfigBuilder onTheServer(String secret) {
        return SessionConfig.builder().secret(secret).store(new Unclosed(serverSide));
    }

    private SessionConfigBuilder rollback(String secret) {
        return SessionConfig.builder().secret(secret).store(new TokenCookieStore()).migrateFrom(new Unclosed(serverSide));
    }

    private String get(String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private long storedSessions() {
        return serverSide.admin().orElseThrow().count();
    }

    /** Logs alice in on the server-side deployment and fills her cart; returns her signed cookie. */
    private String aliceOnTheServer(SessionConfigBuilder deployment) {
        start(deployment);
        get("/s/login?user=alice");
        get("/s/set?name=cart&value=3");
        assertEquals(1, storedSessions());
        return browser.cookie("SESSION");
    }

    private void assertAliceMovedIntoTheCookie(String signedCookie) {
        assertEquals("3", get("/s/get?name=cart"));
        assertEquals(0, storedSessions(), "the session left the old store");
        String sealed = browser.cookie("SESSION");
        assertNotEquals(signedCookie, sealed, "the signed ID was replaced by the sealed session");
        assertEquals("alice", get("/s/principal"), "and the sealed session keeps the principal");
        assertEquals("3", get("/s/get?name=cart"));
    }

    @Test
    void aRollbackSealsTheSessionASignedIdNamesIntoTheCookie() {
        String signed = aliceOnTheServer(onTheServer(SECRET));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(rollback(SECRET).metrics(new MicrometerSessionMetrics(registry)));
        assertAliceMovedIntoTheCookie(signed);
        assertEquals(3.0, registry.counter("sessionkit.sessions.loaded").count(), "a load per request, the move included");
        assertEquals(0.0, rejections(registry), "the moved session's cookie is not counted as rejected");
    }

    private static double rejections(SimpleMeterRegistry registry) {
        return registry.find("sessionkit.sessions.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aRollbackFindsSessionsKeptUnderPlainIds() {
        String signed = aliceOnTheServer(onTheServer(SECRET).hashStoreIds(false));
        start(rollback(SECRET).hashStoreIds(false));
        assertAliceMovedIntoTheCookie(signed);
    }

    @Test
    void aRollbackFindsSessionsSignedAndStoredUnderAPreviousSecret() {
        String signed = aliceOnTheServer(onTheServer(SECRET));
        start(rollback(NEW_SECRET).previousSecret(SECRET));
        assertAliceMovedIntoTheCookie(signed);
    }

    @Test
    void aRollbackOpensAttributesTheOldDeploymentEncrypted() throws Exception {
        KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
        String signed = aliceOnTheServer(onTheServer(SECRET).encryptAttributes(keyset));
        start(rollback(SECRET).encryptAttributes(keyset));
        assertAliceMovedIntoTheCookie(signed);
    }

    @Test
    void aCopyOfTheSignedCookieAfterTheRollbackFindsNoSessionAndIsCountedAsAnUnknownId() {
        String signed = aliceOnTheServer(onTheServer(SECRET));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(rollback(SECRET).metrics(new MicrometerSessionMetrics(registry)));
        get("/s/get?name=cart");

        browser.setCookie("SESSION", signed);
        assertEquals("no-session", get("/s/get?name=cart"));
        assertEquals(1.0, registry.counter("sessionkit.sessions.rejected", "reason", "unknown_id").count());
        assertEquals(0.0, registry.counter("sessionkit.sessions.rejected", "reason", "bad_signature").count());
    }

    /** Fills alice's cart on the client-side deployment; returns her sealed cookie. */
    private String aliceInTheCookie() {
        start(SessionConfig.builder().secret(SECRET).store(new TokenCookieStore()).idleTimeout(Duration.ofDays(1)));
        get("/s/login?user=alice");
        get("/s/set?name=cart&value=3");
        return browser.cookie("SESSION");
    }

    @Test
    void aSealedCookieOfTheOldClientSideStoreMovesIntoTheServerSideStoreUnderItsStoreId() {
        String sealed = aliceInTheCookie();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(onTheServer(SECRET).migrateFrom(new TokenCookieStore()).metrics(new MicrometerSessionMetrics(registry)));
        assertEquals("3", get("/s/get?name=cart"));
        assertEquals(1.0, registry.counter("sessionkit.sessions.loaded").count());
        assertEquals(0.0, rejections(registry), "the adopted cookie is not counted as rejected");

        List<String> stored = serverSide.admin().orElseThrow().list(null, 10).sessions().stream().map(SessionInfo::id).toList();
        assertEquals(1, stored.size());
        String id = get("/s/info").lines().findFirst().orElseThrow().substring("session=".length());
        assertNotEquals(id, stored.get(0), "kept under its store ID, as every server-side session is");
        assertTrue(browser.cookie("SESSION").startsWith(id + "."), "the cookie now holds the signed ID, not " + sealed);
        assertEquals("alice", get("/s/principal"));
        get("/s/set?name=cart&value=4");
        assertEquals("4", get("/s/get?name=cart"), "and later requests load it from the server-side store");
    }

    @Test
    void aSealedSessionPastTheNewAbsoluteTimeoutEndsInsteadOfMoving() {
        aliceInTheCookie();
        clock.advance(Duration.ofHours(2));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(onTheServer(SECRET).migrateFrom(new TokenCookieStore()).idleTimeout(Duration.ofDays(1))
                .absoluteTimeout(Duration.ofHours(1)).metrics(new MicrometerSessionMetrics(registry)));
        assertEquals("no-session", get("/s/get?name=cart"));
        assertEquals(0, storedSessions(), "moved and then deleted as expired, not kept");
        assertEquals(1.0, registry.counter("sessionkit.sessions.expired").count());
        assertEquals(0.0, rejections(registry), "an expired session is no bad cookie");
    }

    @Test
    void anUnreadableCookieDuringAMoveFromTheClientSideStoreStartsAFreshSession() {
        start(onTheServer(SECRET).migrateFrom(new TokenCookieStore()));
        browser.setCookie("SESSION", "not-a-sealed-session");
        assertEquals("no-session", get("/s/get?name=cart"));
        assertEquals("1", get("/s/count"));
        assertEquals(1, storedSessions());
    }

    /** The shared store outlives each server of a test. */
    private static final class Unclosed extends ForwardingSessionStore {
        Unclosed(SessionStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {
        }
    }
}
