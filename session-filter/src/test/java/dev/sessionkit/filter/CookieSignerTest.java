package dev.sessionkit.filter;

import dev.sessionkit.store.SessionIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class CookieSignerTest {

    private static final String CURRENT = "current-secret-0123456789abcdefghijkl";
    private static final String OLD = "old-secret-0123456789abcdefghijklmnopq";

    @Test
    void signedIdVerifies() {
        CookieSigner signer = CookieSigner.fromSecrets(List.of(CURRENT), "SESSION");
        String id = SessionIds.newId();
        assertEquals(id, signer.verify(signer.sign(id)));
    }

    @Test
    void everyAlteredCharacterIsRejected() {
        CookieSigner signer = CookieSigner.fromSecrets(List.of(CURRENT), "SESSION");
        String value = signer.sign(SessionIds.newId());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            for (char replacement : new char[]{'A', 'z', '0', '-', '_', '.'}) {
                if (replacement != c) {
                    String altered = value.substring(0, i) + replacement + value.substring(i + 1);
                    assertNull(signer.verify(altered), altered);
                }
            }
        }
    }

    @Test
    void valueSignedForAnotherCookieNameIsRejected() {
        String value = CookieSigner.fromSecrets(List.of(CURRENT), "OTHER").sign(SessionIds.newId());
        assertNull(CookieSigner.fromSecrets(List.of(CURRENT), "SESSION").verify(value));
    }

    @Test
    void previousSecretStillVerifiesButNoLongerSigns() {
        String id = SessionIds.newId();
        String signedByOld = CookieSigner.fromSecrets(List.of(OLD), "SESSION").sign(id);
        CookieSigner rotated = CookieSigner.fromSecrets(List.of(CURRENT, OLD), "SESSION");
        assertEquals(id, rotated.verify(signedByOld));
        String signedNow = rotated.sign(id);
        assertEquals(id, CookieSigner.fromSecrets(List.of(CURRENT), "SESSION").verify(signedNow), "the first secret signs");
    }

    @Test
    void removedSecretNoLongerVerifies() {
        String id = SessionIds.newId();
        String signedByOld = CookieSigner.fromSecrets(List.of(OLD), "SESSION").sign(id);
        assertNull(CookieSigner.fromSecrets(List.of(CURRENT), "SESSION").verify(signedByOld));
    }

    @Test
    void tagIsATinkHmacOverTheCookieNameAndTheId() throws Exception {
        com.google.crypto.tink.mac.MacConfig.register();
        com.google.crypto.tink.KeysetHandle keyset = com.google.crypto.tink.KeysetHandle.generateNew(
                com.google.crypto.tink.mac.PredefinedMacParameters.HMAC_SHA256_128BITTAG,
                com.google.crypto.tink.RegistryConfiguration.get());
        CookieSigner signer = CookieSigner.fromKeyset(keyset, "SESSION");
        String id = SessionIds.newId();
        String value = signer.sign(id);
        byte[] tag = java.util.Base64.getUrlDecoder().decode(value.substring(value.indexOf('.') + 1));
        // Verification goes through Tink's verifyMac, whose comparison is constant-time; here the tag must be
        // exactly Tink's MAC over "NAME=id", so no home-made comparison can stand in for it.
        keyset.getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), com.google.crypto.tink.Mac.class)
                .verifyMac(tag, ("SESSION=" + id).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(id, signer.verify(value));
    }

    @Test
    void malformedValuesAreRejectedWithoutException() {
        CookieSigner signer = CookieSigner.fromSecrets(List.of(CURRENT), "SESSION");
        for (String junk : new String[]{null, "", ".", "abc", "a.b", SessionIds.newId(), SessionIds.newId() + ".",
                SessionIds.newId() + ".!!!", "x".repeat(70_000), "é".repeat(60) + ".AAAA", SessionIds.newId() + "..AAAA"}) {
            assertNull(signer.verify(junk));
        }
    }

    @Test
    void aRepeatedValueIsAnsweredFromTheCacheOfVerifiedValues() {
        CookieSigner signer = CookieSigner.fromSecrets(List.of(CURRENT), "SESSION");
        String value = signer.sign(SessionIds.newId());
        String first = signer.verify(value);
        // A fresh verification cuts a new ID out of the value; the cache hands back the one it kept.
        assertSame(first, signer.verify(new String(value.toCharArray())));
    }

    @Test
    void anotherTagForACachedIdIsRejected() {
        String id = SessionIds.newId();
        CookieSigner signer = CookieSigner.fromSecrets(List.of(CURRENT), "SESSION");
        String genuine = signer.sign(id);
        assertEquals(id, signer.verify(genuine));
        String tag = genuine.substring(genuine.indexOf('.') + 1);
        List<String> forgeries = List.of(
                CookieSigner.fromSecrets(List.of(OLD), "SESSION").sign(id), // a tag under a key the signer lacks
                id + '.' + (tag.charAt(0) == 'A' ? 'B' : 'A') + tag.substring(1), // the tag with one character changed
                id + '.');
        for (int attempt = 1; attempt <= 2; attempt++) { // a second attempt finds whatever the first left cached
            for (String forged : forgeries) {
                assertNull(signer.verify(forged), forged + ", attempt " + attempt);
            }
        }
        assertEquals(id, signer.verify(genuine));
    }

    @Test
    void aValueCachedUnderARemovedKeyNoLongerVerifies() {
        String id = SessionIds.newId();
        String signedByOld = CookieSigner.fromSecrets(List.of(OLD), "SESSION").sign(id);
        assertEquals(id, CookieSigner.fromSecrets(List.of(CURRENT, OLD), "SESSION").verify(signedByOld));
        assertNull(CookieSigner.fromSecrets(List.of(CURRENT), "SESSION").verify(signedByOld));
    }
}
