package dev.sessionkit.store.cookie;

import com.google.crypto.tink.aead.AeadParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.SessionException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The AEAD algorithms a {@link CookieSessionStore} seals with. Both are Tink keys with the TINK output
 * prefix (a version byte and the 4-byte key ID ahead of each ciphertext), which is what lets a keyset
 * hold several keys and find the one that sealed a cookie.
 */
public enum CookieAead {

    /** AES-256 in GCM mode, 96-bit random nonce, 128-bit tag: the default, hardware-accelerated almost everywhere. */
    AES256_GCM("aes256-gcm", PredefinedAeadParameters.AES256_GCM),

    /** XChaCha20-Poly1305, 192-bit random nonce: for CPUs without AES instructions. */
    XCHACHA20_POLY1305("xchacha20-poly1305", PredefinedAeadParameters.XCHACHA20_POLY1305);

    private final String paramValue;
    private final AeadParameters parameters;

    CookieAead(String paramValue, AeadParameters parameters) {
        this.paramValue = paramValue;
        this.parameters = parameters;
    }

    /**
     * @return how the {@code cookie-store.aead} init-param and the key tool spell this algorithm
     */
    public String paramValue() {
        return paramValue;
    }

    AeadParameters parameters() {
        return parameters;
    }

    /**
     * @param value {@code aes256-gcm} or {@code xchacha20-poly1305}, in any case
     * @param key   the parameter or option that held the value, for the message
     * @return the algorithm
     * @throws SessionException naming {@code key} when the value is neither
     */
    static CookieAead parse(String value, String key) {
        for (CookieAead aead : values()) {
            if (aead.paramValue.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return aead;
            }
        }
        throw new SessionException(key + " must be one of "
                + Arrays.stream(values()).map(CookieAead::paramValue).toList() + ", was '" + value + "'");
    }

    /**
     * @param parameters a key's parameters
     * @return the algorithm with exactly these parameters, or null when the key is of another kind
     */
    static CookieAead of(Object parameters) {
        for (CookieAead aead : values()) {
            if (aead.parameters.equals(parameters)) {
                return aead;
            }
        }
        return null;
    }
}
