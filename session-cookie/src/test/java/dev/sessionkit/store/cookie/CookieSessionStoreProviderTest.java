package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static dev.sessionkit.store.cookie.Fixtures.attribute;
import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookieSessionStoreProviderTest {

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    private final String json = Keysets.toJson(keyset);
    private final Map<String, String> env = new HashMap<>();
    private final CookieSessionStoreProvider provider = new CookieSessionStoreProvider(env::get);
    private Path keysetFile;

    @BeforeEach
    void writeKeyset(@TempDir Path dir) throws Exception {
        keysetFile = Files.writeString(dir.resolve("keys.json"), json);
    }

    @Test
    void filterFindsTheProviderByName() {
        boolean found = ServiceLoader.load(SessionStoreProvider.class).stream()
                .anyMatch(p -> p.type() == CookieSessionStoreProvider.class && p.get().name().equals("cookie"));
        assertTrue(found);
    }

    @Test
    void sessionConfigBuildsTheCookieStoreFromInitParams() {
        SessionConfig config = SessionConfig.fromInitParams(Map.of("secret", "cookie-provider-secret-0123456789abcdef", "store", "cookie",
                "cookie-store.keyset-file", keysetFile.toString(), "cookie-store.cleartext-keyset", "true"), name -> null);
        assertInstanceOf(CookieSessionStore.class, config.store());
    }

    @Test
    void keysetFileOpensCookiesOfTheSameKeyset() {
        SessionStore store = provider.create(params("cookie-store.keyset-file", keysetFile.toString()));
        assertOpensCookiesOf(store, CookieSessionStore.builder().keyset(keyset).build());
    }

    @Test
    void keysetEnvironmentVariableOpensCookiesOfTheSameKeyset() {
        env.put("SESSION_KEYS", json);
        SessionStore store = provider.create(params("cookie-store.keyset-env", "SESSION_KEYS"));
        assertOpensCookiesOf(store, CookieSessionStore.builder().keyset(keyset).build());
    }

    @Test
    void cleartextKeysetMustBeAcknowledged() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.remove("cookie-store.cleartext-keyset");
        assertMessage(params, "cookie-store.cleartext-keyset=true");
        params.put("cookie-store.cleartext-keyset", "false");
        assertMessage(params, "cookie-store.cleartext-keyset=true");
        params.put("cookie-store.cleartext-keyset", "maybe");
        assertMessage(params, "cookie-store.cleartext-keyset must be true or false");
    }

    @Test
    void missingKeysetNamesBothParams() {
        String message = assertMessage(params("cookie-store.aead", "aes256-gcm"), "cookie-store.keyset-file");
        assertTrue(message.contains("cookie-store.keyset-env"), message);
    }

    @Test
    void twoKeysetsAreRefused() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie-store.keyset-env", "SESSION_KEYS");
        assertMessage(params, "only one of cookie-store.keyset-file and cookie-store.keyset-env");
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        assertMessage(params("cookie-store.keyset-env", "NOT_SET"), "cookie-store.keyset-env=NOT_SET");
    }

    @Test
    void unreadableKeysetFileIsNamed() {
        assertMessage(params("cookie-store.keyset-file", "/nonexistent/keys.json"), "cookie-store.keyset-file=/nonexistent/keys.json");
    }

    @Test
    void textThatIsNotAKeysetIsNamedWithoutQuotingIt() throws Exception {
        Files.writeString(keysetFile, "{\"primaryKeyId\": 1, \"key\": \"hunter2-secret\"}");
        String message = assertMessage(params("cookie-store.keyset-file", keysetFile.toString()), "does not hold a Tink JSON keyset");
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void aeadIsCheckedAgainstThePrimaryKey() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie-store.aead", "chacha");
        assertMessage(params, "cookie-store.aead must be one of [aes256-gcm, xchacha20-poly1305], was 'chacha'");
        params.put("cookie-store.aead", "XChaCha20-Poly1305");
        assertMessage(params, "but the store is configured for xchacha20-poly1305");
    }

    @Test
    void numbersAreCheckedNamingTheParam() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie-store.max-chunks", "four");
        assertMessage(params, "cookie-store.max-chunks must be a whole number");
        params.put("cookie-store.max-chunks", "0");
        assertMessage(params, "cookie-store.max-chunks must be between 1 and 32");
        params.put("cookie-store.max-chunks", "2");
        params.put("cookie-store.compress-above", "lots");
        assertMessage(params, "cookie-store.compress-above must be a whole number");
    }

    @Test
    void maxChunksAndCompressionAreApplied() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie-store.max-chunks", "2");
        params.put("cookie-store.compress-above", "off");
        SessionStore store = provider.create(params);

        String token = store.save(session(Map.of("big", "x".repeat(5000))), SessionChanges.TOUCH);

        assertTrue(token.length() > 5000, "uncompressed, over one cookie: " + token.length());
    }

    @Test
    void maxSessionBytesIsApplied() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie-store.max-session-bytes", "1500");
        SessionStore store = provider.create(params);

        SessionException e = assertThrows(SessionException.class,
                () -> store.save(session(Map.of("text", "x".repeat(2000))), SessionChanges.TOUCH));

        assertTrue(e.getMessage().contains("limit of 1500 (cookie-store.max-session-bytes)"), e.getMessage());
    }

    @Test
    void cookieNameIsBoundIntoTheSeal() {
        Map<String, String> params = params("cookie-store.keyset-file", keysetFile.toString());
        params.put("cookie.name", "OTHER");
        SessionStore other = provider.create(params);
        String token = CookieSessionStore.builder().keyset(keyset).build().save(session(Map.of()), SessionChanges.TOUCH);

        assertNull(other.load(token, NOW, 0).live());
    }

    private static Map<String, String> params(String key, String value) {
        Map<String, String> params = new HashMap<>();
        params.put("cookie-store.cleartext-keyset", "true");
        params.put(key, value);
        return params;
    }

    private String assertMessage(Map<String, String> params, String expected) {
        SessionException e = assertThrows(SessionException.class, () -> provider.create(params));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e.getMessage();
    }

    private static void assertOpensCookiesOf(SessionStore store, SessionStore sealer) {
        String value = Fixtures.incompressible(new Random(3), 20);
        String token = sealer.save(session(Map.of("v", value)), SessionChanges.TOUCH);
        assertEquals(value, attribute(store.load(token, NOW, 0).live(), "v"));
    }
}
