package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static dev.sessionkit.store.cookie.Fixtures.attribute;
import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CookieStoreKeyRotationTest {

    private final KeysetHandle original = CookieKeys.generate(CookieAead.AES256_GCM);
    private final String oldCookie = storeOf(original).save(session(Map.of("a", "b")), SessionChanges.TOUCH);

    @Test
    void cookieSealedBeforeRotationStillOpensAfterIt() {
        KeysetHandle rotated = CookieKeys.add(original, CookieAead.AES256_GCM, true);
        assertEquals("b", attribute(storeOf(rotated).load(oldCookie, NOW, 0).live(), "a"));
    }

    @Test
    void afterRotationNewCookiesAreSealedWithTheNewPrimaryKey() {
        KeysetHandle rotated = CookieKeys.add(original, CookieAead.AES256_GCM, true);

        String newCookie = storeOf(rotated).save(session(Map.of()), SessionChanges.TOUCH);

        assertEquals(original.getPrimary().getId(), sealingKeyId(oldCookie));
        assertEquals(rotated.getPrimary().getId(), sealingKeyId(newCookie));
        assertNotNull(storeOf(rotated).load(newCookie, NOW, 0).live());
    }

    @Test
    void stagedKeyOpensCookiesButDoesNotSealUntilPromoted() {
        KeysetHandle staged = CookieKeys.add(original, CookieAead.AES256_GCM, false);
        int newKey = staged.getAt(1).getId();
        KeysetHandle promoted = CookieKeys.promote(staged, newKey);

        String fromStaged = storeOf(staged).save(session(Map.of()), SessionChanges.TOUCH);
        String fromPromoted = storeOf(promoted).save(session(Map.of()), SessionChanges.TOUCH);

        assertEquals(original.getPrimary().getId(), sealingKeyId(fromStaged));
        assertEquals(newKey, sealingKeyId(fromPromoted));
        assertNotNull(storeOf(staged).load(fromPromoted, NOW, 0).live(), "instances not yet promoted open the new cookies");
    }

    @Test
    void removingAKeyInvalidatesEveryCookieItSealed() {
        KeysetHandle rotated = CookieKeys.add(original, CookieAead.AES256_GCM, true);
        KeysetHandle removed = CookieKeys.remove(rotated, original.getPrimary().getId());
        CookieSessionStore store = storeOf(removed);

        assertNull(store.load(oldCookie, NOW, 0).live());
        assertEquals(1, store.rejected().get(Rejection.UNKNOWN_KEY));
    }

    @Test
    void disablingAKeyInvalidatesEveryCookieItSealed() throws Exception {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(CookieKeys.add(original, CookieAead.AES256_GCM, true));
        builder.getAt(0).setStatus(KeyStatus.DISABLED);
        CookieSessionStore store = storeOf(builder.setConfiguration(Keysets.TINK).build());

        assertNull(store.load(oldCookie, NOW, 0).live());
        assertEquals(1, store.rejected().get(Rejection.UNKNOWN_KEY));
    }

    @Test
    void cookieOfAnotherKeysetIsAnUnknownKey() {
        CookieSessionStore stranger = storeOf(CookieKeys.generate(CookieAead.AES256_GCM));
        assertNull(stranger.load(oldCookie, NOW, 0).live());
        assertEquals(1, stranger.rejected().get(Rejection.UNKNOWN_KEY));
    }

    @Test
    void switchingToXChaChaKeepsAesCookiesReadable() {
        KeysetHandle migrated = CookieKeys.add(original, CookieAead.XCHACHA20_POLY1305, true);
        CookieSessionStore store = CookieSessionStore.builder().keyset(migrated).aead(CookieAead.XCHACHA20_POLY1305).build();

        assertEquals("b", attribute(store.load(oldCookie, NOW, 0).live(), "a"));
        assertEquals(migrated.getPrimary().getId(), sealingKeyId(store.save(session(Map.of()), SessionChanges.TOUCH)));
    }

    private static CookieSessionStore storeOf(KeysetHandle keyset) {
        return CookieSessionStore.builder().keyset(keyset).build();
    }

    /** Tink's TINK prefix: byte 1, then the sealing key's ID, big-endian. */
    private static int sealingKeyId(String token) {
        ByteBuffer sealed = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
        assertEquals(1, sealed.get());
        return sealed.getInt();
    }
}
