package dev.sessionkit.filter;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attribute values sealed at rest ({@code store.encrypt-keyset-…}), through a real Jetty over the memory store. */
class EncryptedAttributesTest {

    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final InMemorySessionStore store = InMemorySessionStore.builder().build();
    private ServletContainer server;

    private void start(KeysetHandle keyset) {
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false).store(new Unclosed(store))
                .encryptAttributes(keyset).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new SessionServlet(), "/s/*").start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static KeysetHandle newKeyset() throws Exception {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
    }

    private String get(CookieClient browser, String path) {
        HttpResponse<String> response = browser.get(server.uri(path));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private SessionData stored() {
        String storeId = store.admin().orElseThrow().list(null, 10).sessions().get(0).id();
        return store.load(storeId, System.currentTimeMillis(), Long.MAX_VALUE).live();
    }

    @Test
    void valuesReachTheStoreSealedAndMetadataStaysReadable() throws Exception {
        start(newKeyset());
        CookieClient browser = new CookieClient();
        get(browser, "/s/login?user=alice");
        get(browser, "/s/set?name=card&value=4111-1111-1111-1111");
        SessionData raw = stored();
        assertEquals("alice", raw.principal(), "the principal stays readable for the user index");
        assertTrue(raw.attributes().containsKey("card"), "attribute names stay readable");
        String sealed = new String(raw.attributes().get("card"), StandardCharsets.ISO_8859_1);
        assertFalse(sealed.contains("4111"), "the value is sealed: " + sealed);
        assertEquals("4111-1111-1111-1111", get(browser, "/s/get?name=card"));
    }

    @Test
    void aValueCopiedToAnotherAttributeOrAnotherSessionDoesNotOpen() throws Exception {
        start(newKeyset());
        CookieClient alice = new CookieClient();
        get(alice, "/s/set?name=role&value=admin");
        get(alice, "/s/set?name=nickname&value=al");
        SessionData alices = stored();
        byte[] adminRole = alices.attributes().get("role");

        Map<String, byte[]> moved = new LinkedHashMap<>(alices.attributes());
        moved.put("nickname", adminRole);
        assertTrue(store.save(new SessionData(alices.id(), alices.creationTime(), alices.lastAccessedTime(),
                alices.maxInactiveSeconds(), null, moved), new SessionChanges(false, Set.of("nickname"), Set.of(), false)) != null);
        assertEquals("null", get(alice, "/s/get?name=nickname"), "another attribute's value does not open");
        assertEquals("admin", get(alice, "/s/get?name=role"));

        CookieClient mallory = new CookieClient();
        get(mallory, "/s/set?name=role&value=guest");
        String mallorys = store.admin().orElseThrow().list(null, 10).sessions().stream()
                .map(info -> info.id()).filter(id -> !id.equals(alices.id())).findFirst().orElseThrow();
        SessionData hers = store.load(mallorys, System.currentTimeMillis(), Long.MAX_VALUE).live();
        Map<String, byte[]> stolen = new LinkedHashMap<>(hers.attributes());
        stolen.put("role", adminRole);
        store.save(new SessionData(hers.id(), hers.creationTime(), hers.lastAccessedTime(), hers.maxInactiveSeconds(),
                null, stolen), new SessionChanges(false, Set.of("role"), Set.of(), false));
        assertEquals("null", get(mallory, "/s/get?name=role"), "another session's value does not open");
    }

    @Test
    void keysRotateAsInTheCookieStore() throws Exception {
        KeysetHandle first = newKeyset();
        start(first);
        CookieClient browser = new CookieClient();
        get(browser, "/s/set?name=old&value=1");
        server.close();

        KeysetHandle both = KeysetHandle.newBuilder(first).addEntry(KeysetHandle.generateEntryFromParameters(
                PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary()).setConfiguration(AeadConfig2026.get()).build();
        start(both);
        assertEquals("1", get(browser, "/s/get?name=old"), "the old key still opens");
        get(browser, "/s/set?name=new&value=2");
        server.close();

        KeysetHandle second = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(both.getPrimary().getKey())
                .withFixedId(both.getPrimary().getId()).makePrimary()).setConfiguration(AeadConfig2026.get()).build();
        start(second);
        assertEquals("2", get(browser, "/s/get?name=new"), "the new primary sealed it");
        assertEquals("null", get(browser, "/s/get?name=old"), "a removed key's values no longer open");
    }

    @Test
    void initParamsReadTheKeysetAndRefuseACleartextOneWithoutTheAcknowledgement(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("at-rest.json");
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(newKeyset(), AeadConfig2026.get(), InsecureSecretKeyAccess.get()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("secret", SECRET);
        params.put("store.encrypt-keyset-file", file.toString());
        SessionException unacknowledged = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, n -> null));
        assertTrue(unacknowledged.getMessage().contains("store.encrypt-cleartext-keyset=true"), unacknowledged.getMessage());
        params.put("store.encrypt-cleartext-keyset", "true");
        assertTrue(SessionConfig.fromInitParams(params, n -> null).attributeAead() != null);
        params.put("store.encrypt-keyset-file", dir.resolve("missing.json").toString());
        assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, n -> null));
        params.remove("store.encrypt-keyset-file");
        params.put("store.encrypt-keyset-env", "AT_REST_KEYS");
        SessionException unset = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(params, n -> null));
        assertTrue(unset.getMessage().contains("AT_REST_KEYS"), unset.getMessage());
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
