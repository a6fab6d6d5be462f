package dev.sessionkit.store.redis;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several applications or tenants on one Redis, each with its own key prefix, never see each other. */
class TenantIsolationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisSessionStore tenantA;
    private RedisSessionStore tenantB;
    private SessionData aliceAtA;

    @BeforeEach
    void twoTenants() {
        redis.flushAll();
        tenantA = RedisSessionStore.builder().uri(redis.uri()).keyPrefix("tenant-a:").maxSessions(0).build();
        tenantB = RedisSessionStore.builder().uri(redis.uri()).keyPrefix("tenant-b:").build();
        long now = System.currentTimeMillis();
        aliceAtA = new SessionData(SessionIds.newId(), now, now, 1800, "alice",
                Map.of("secret", AttributeCodec.allowing(List.of()).encode("secret", "a's data")));
        tenantA.save(aliceAtA, new SessionChanges(true, Set.of("secret"), Set.of(), true));
    }

    @AfterEach
    void close() {
        tenantA.close();
        tenantB.close();
    }

    @Test
    void anotherTenantCannotReadTheSession() {
        assertNull(tenantB.load(aliceAtA.id(), System.currentTimeMillis(), 0).live());
        assertTrue(tenantB.find(aliceAtA.id()).isEmpty());
        assertTrue(tenantB.sessionsOf("alice").isEmpty());
        assertEquals(0, tenantB.count());
        assertTrue(tenantB.list(null, 100).sessions().isEmpty());
    }

    @Test
    void anotherTenantCannotDeleteOrOverwriteTheSession() {
        assertFalse(tenantB.delete(aliceAtA.id(), System.currentTimeMillis()));
        assertEquals(0, tenantB.deleteAllOf("alice"));
        assertFalse(tenantB.rotate(aliceAtA.id(), SessionIds.rotated(aliceAtA.id()), System.currentTimeMillis()));
        assertNull(tenantB.save(aliceAtA, new SessionChanges(false, Set.of("secret"), Set.of(), false)),
                "a non-new save for an ID only tenant A has writes nothing at B");
        assertTrue(tenantA.find(aliceAtA.id()).isPresent(), "tenant A's session is untouched");
        assertEquals(1, tenantA.sessionsOf("alice").size());
        assertEquals(1, tenantA.count());
    }

    @Test
    void aTenantsSessionCapNeverEvictsAnotherTenantsSessions() {
        try (RedisSessionStore cappedB = RedisSessionStore.builder().uri(redis.uri()).keyPrefix("tenant-b:").maxSessions(2).build()) {
            cappedB.start(new StoreContext(Duration.ofHours(8), id -> { }));
            long now = System.currentTimeMillis();
            List<String> atB = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                SessionData session = new SessionData(SessionIds.newId(), now + i, now + i, 1800, null, Map.of());
                cappedB.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
                atB.add(session.id());
            }

            assertEquals(atB.subList(2, 4), ids(cappedB.list(null, 100).sessions().stream()
                    .sorted(Comparator.comparingLong(SessionInfo::creationTime)).toList()), "B keeps its 2 newest");
            assertTrue(tenantA.find(aliceAtA.id()).isPresent(), "A's older session was never a candidate");
            assertEquals(1, tenantA.count());
            assertEquals("0", redis.cli("EXISTS", "tenant-a:all"), "A has no cap, so no tenant set");
            assertEquals("2", redis.cli("ZCARD", "tenant-b:all"));
        }
    }

    @Test
    void cookieFromOneApplicationOpensNothingInAnother() {
        String secret = "shared-secret-0123456789abcdefghijklmn";
        try (ServletContainer appA = app(tenantA, secret); ServletContainer appB = app(tenantB, secret)) {
            CookieClient browser = new CookieClient();
            browser.get(appA.uri("/s/set?name=x&value=at-a"));
            String cookie = browser.cookie("SESSION");
            CookieClient thief = new CookieClient();
            thief.setCookie("SESSION", cookie);
            assertEquals("no-session", thief.get(appB.uri("/s/get?name=x")).body(),
                    "even with the same secret and cookie name, B's prefix finds nothing");
            assertEquals("at-a", browser.get(appA.uri("/s/get?name=x")).body());
        }
    }

    private static List<String> ids(List<SessionInfo> sessions) {
        return sessions.stream().map(SessionInfo::id).toList();
    }

    private static ServletContainer app(RedisSessionStore store, String secret) {
        SessionConfig config = SessionConfig.builder().secret(secret).secure(false).store(store).build();
        return JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }
}
