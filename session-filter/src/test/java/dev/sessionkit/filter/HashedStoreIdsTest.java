package dev.sessionkit.filter;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-side stores keep sessions under keyed hashes of their IDs (the default), through a real Jetty: the
 * store never holds a value that opens a session, and everything built on the key layout keeps working.
 */
class HashedStoreIdsTest {

    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
    private static final String NEW_SECRET = "another-secret-9876543210-zyxwvutsrqpon";

    private final InMemorySessionStore store = InMemorySessionStore.builder().build();
    private ServletContainer server;
    private final CookieClient browser = new CookieClient();

    /** GET /admin/mine: the IDs Sessions.admin lists for alice; /admin/delete?id=: deletes through it. */
    private static final class AdminServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            if ("/delete".equals(request.getPathInfo())) {
                response.getWriter().write(String.valueOf(Sessions.admin(request).orElseThrow().delete(request.getParameter("id"))));
                return;
            }
            Sessions.find(request);
            response.getWriter().write(Sessions.admin(request).orElseThrow().sessionsOf("alice").stream()
                    .map(SessionInfo::id).collect(Collectors.joining(",")));
        }
    }

    private void start(SessionConfigBuilder config) {
        server = JettyServer.builder().filter(new SessionFilter(config.build()), "/*")
                .servlet(new SessionServlet(), "/s/*").servlet(new AdminServlet(), "/admin/*").start();
    }

    private SessionConfigBuilder config(String secret) {
        return SessionConfig.builder().secret(secret).secure(false).store(new Unclosed(store));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String get(String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private List<String> storedIds() {
        return store.admin().orElseThrow().list(null, 100).sessions().stream().map(SessionInfo::id).toList();
    }

    @Test
    void theStoreHoldsNoIdThatOpensASession() {
        start(config(SECRET));
        String id = get("/s/login?user=alice");
        get("/s/set?name=cart&value=3");
        List<String> stored = storedIds();
        assertEquals(1, stored.size());
        String storeId = stored.get(0);
        assertTrue(SessionIds.isWellFormed(storeId), "a store ID has the shape of a session ID, so every store takes it");
        assertNotEquals(id, storeId);
        assertEquals(SessionIds.lineage(id), SessionIds.lineage(storeId), "the lineage, 48 bits, is kept as the prefix");
        assertFalse(storeId.contains(id.substring(SessionIds.LINEAGE_LENGTH)), "the 256 bits that make the ID unguessable are not");

        // Even someone holding the signing secret as well as the dump gets nothing from the store ID.
        CookieClient thief = new CookieClient();
        thief.setCookie("SESSION", CookieSigner.fromSecrets(List.of(SECRET), "SESSION").sign(storeId));
        assertEquals("null", thief.get(server.uri("/s/get?name=cart")).body().replace("no-session", "null"));
        assertEquals("3", get("/s/get?name=cart"), "while the owner's cookie still works");
    }

    @Test
    void rotationKeepsTheLineageSoClusterKeepsBothKeysInOneSlot() {
        start(config(SECRET));
        get("/s/count");
        String before = storedIds().get(0);
        get("/s/login?user=alice");
        String after = storedIds().get(0);
        assertNotEquals(before, after);
        assertEquals(SessionIds.lineage(before), SessionIds.lineage(after));
        assertEquals("2", get("/s/count"));
    }

    @Test
    void sessionsStoredUnderARetiredSecretAreFoundWhileItIsAPreviousSecret() {
        start(config(SECRET));
        get("/s/login?user=alice");
        get("/s/set?name=a&value=kept");
        server.close();

        start(config(NEW_SECRET).previousSecret(SECRET));
        assertEquals("kept", get("/s/get?name=a"));
        get("/s/set?name=a&value=changed");
        assertEquals("changed", get("/s/get?name=a"), "writes reach the session under its old key");
        String rotated = get("/s/rotate");
        assertEquals("changed", get("/s/get?name=a"), "rotation works under the old key");
        assertEquals(rotated, get("/s/info").lines().findFirst().orElseThrow().substring("session=".length()));
        get("/s/invalidate");
        assertTrue(storedIds().isEmpty(), "logout deletes it");
    }

    @Test
    void removingTheRetiredSecretEndsItsSessions() {
        start(config(SECRET));
        get("/s/set?name=a&value=kept");
        server.close();
        start(config(NEW_SECRET));
        assertEquals("no-session", get("/s/get?name=a"));
    }

    @Test
    void theAdminViewListsTheRequestsOwnSessionUnderItsIdAndDeletesByEither() {
        start(config(SECRET));
        CookieClient phone = new CookieClient();
        phone.get(server.uri("/s/login?user=alice"));
        String mine = get("/s/login?user=alice");
        List<String> listed = List.of(get("/admin/mine").split(","));
        assertEquals(2, listed.size());
        assertTrue(listed.contains(mine), "this browser's session is listed under its own ID: " + listed);
        String phones = listed.stream().filter(id -> !id.equals(mine)).findFirst().orElseThrow();
        assertTrue(storedIds().contains(phones), "another session is listed under its store ID");

        assertEquals("true", get("/admin/delete?id=" + phones), "a listed store ID deletes");
        assertEquals("no-session", phone.get(server.uri("/s/get?name=a")).body());
        assertEquals("true", get("/admin/delete?id=" + mine), "and so does a session ID");
        assertEquals("no-session", get("/s/get?name=a"));
    }

    @Test
    void aSigningKeysetGivesHashedStoreIdsThatSurviveAPrimaryKeyChange() throws Exception {
        MacConfig.register();
        KeysetHandle first = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG,
                RegistryConfiguration.get());
        start(SessionConfig.builder().signingKeyset(first).secure(false).store(new Unclosed(store)));
        String id = get("/s/login?user=alice");
        assertNotEquals(id, storedIds().get(0));
        server.close();

        KeysetHandle rotated = KeysetHandle.newBuilder(first)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedMacParameters.HMAC_SHA256_256BITTAG)
                        .withRandomId().makePrimary())
                .build();
        start(SessionConfig.builder().signingKeyset(rotated).secure(false).store(new Unclosed(store)));
        assertEquals("alice", get("/s/principal"), "the old key's store ID is still found");
    }

    @Test
    void optingOutKeepsPlainIdsForStoresThatAlreadyHoldThem() {
        start(config(SECRET).hashStoreIds(false));
        String id = get("/s/login?user=alice");
        assertEquals(List.of(id), storedIds());
        assertEquals(id, get("/admin/mine"), "the admin view lists it under the same ID");
    }

    /** The shared store outlives each server of a test. */
    private static final class Unclosed extends dev.sessionkit.store.ForwardingSessionStore {
        Unclosed(SessionStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {
        }
    }
}
