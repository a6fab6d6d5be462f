package dev.sessionkit.filter;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionIds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * Signs session IDs for the cookie as {@code id.tag} and verifies them, with a Tink MAC so the tag
 * comparison is constant-time and key rotation is a keyset: the primary key signs, every key verifies.
 * The cookie name is part of what is signed, so a value cannot be moved to another cookie.
 *
 * <p>Values that verified are kept in {@link RecentResults}, so a browser's next request with the same
 * cookie skips the HMAC. Only a value that verified is kept, and only an exact match of the whole value
 * hits, so a forged or altered value is always checked by the MAC. The cache belongs to this signer and so
 * to its keyset: a configuration without a retired key builds a new signer, which has verified nothing.
 */
final class CookieSigner {

    private static final byte[] KDF_INFO = "sessionkit cookie id signing v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** A signed ID is 51 + 1 + 22 characters with a 128-bit tag; longer values are refused unread. */
    private static final int MAX_SIGNED_LENGTH = 128;

    private final Mac mac;
    private final String cookieName;
    private final RecentResults verified = new RecentResults();

    private CookieSigner(Mac mac, String cookieName) {
        this.mac = mac;
        this.cookieName = cookieName;
    }

    /**
     * @param secrets    secrets, the first signs
     * @param cookieName the cookie the values belong to
     * @return a signer with one HMAC-SHA256 key derived (HKDF) from each secret
     */
    public static CookieSigner fromSecrets(List<String> secrets, String cookieName) {
        try {
            HmacParameters parameters = HmacParameters.builder()
                    .setKeySizeBytes(32)
                    .setTagSizeBytes(16)
                    .setHashType(HmacParameters.HashType.SHA256)
                    .setVariant(HmacParameters.Variant.NO_PREFIX)
                    .build();
            KeysetHandle.Builder keyset = KeysetHandle.newBuilder();
            for (int i = 0; i < secrets.size(); i++) {
                byte[] keyBytes = Hkdf.computeHkdf("HMACSHA256", secrets.get(i).getBytes(StandardCharsets.UTF_8),
                        new byte[0], KDF_INFO, 32);
                HmacKey key = HmacKey.builder()
                        .setParameters(parameters)
                        .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get()))
                        .build();
                KeysetHandle.Builder.Entry entry = KeysetHandle.importKey(key).withRandomId();
                keyset.addEntry(i == 0 ? entry.makePrimary() : entry);
            }
            return fromKeyset(keyset.build(), cookieName);
        } catch (GeneralSecurityException e) {
            throw new SessionException("Could not build the cookie signing key: " + e.getMessage(), e);
        }
    }

    /**
     * @param keyset     a Tink MAC keyset
     * @param cookieName the cookie the values belong to
     * @return a signer using the keyset
     */
    public static CookieSigner fromKeyset(KeysetHandle keyset, String cookieName) {
        try {
            MacConfig.register();
            return new CookieSigner(keyset.getPrimitive(RegistryConfiguration.get(), Mac.class), cookieName);
        } catch (GeneralSecurityException e) {
            throw new SessionException("The signing keyset is not a MAC keyset: " + e.getMessage(), e);
        }
    }

    /**
     * @param id a session ID
     * @return {@code id.tag}
     */
    public String sign(String id) {
        try {
            return id + '.' + ENCODER.encodeToString(mac.computeMac(signed(id)));
        } catch (GeneralSecurityException e) {
            throw new SessionException("Could not sign the session ID: " + e.getMessage(), e);
        }
    }

    /**
     * @param value a cookie value from the client
     * @return the ID when the value is a well-formed ID with a valid tag, else null
     */
    public String verify(String value) {
        if (value == null || value.length() > MAX_SIGNED_LENGTH) {
            return null;
        }
        String known = verified.get(value);
        if (known != null) {
            return known;
        }
        int dot = value.lastIndexOf('.');
        if (dot != SessionIds.LENGTH) {
            return null;
        }
        String id = value.substring(0, dot);
        if (!SessionIds.isWellFormed(id)) {
            return null;
        }
        try {
            String encodedTag = value.substring(dot + 1);
            byte[] tag = DECODER.decode(encodedTag);
            // Base64 lets the last character vary in bits the decoder drops; only the canonical form is
            // accepted, so no two cookie values verify for the same ID and key.
            if (!ENCODER.encodeToString(tag).equals(encodedTag)) {
                return null;
            }
            mac.verifyMac(tag, signed(id));
            verified.put(value, id);
            return id;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] signed(String id) {
        return (cookieName + '=' + id).getBytes(StandardCharsets.US_ASCII);
    }
}
