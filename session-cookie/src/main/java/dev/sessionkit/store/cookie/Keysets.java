package dev.sessionkit.store.cookie;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.sessionkit.SessionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Set;

/** Reads cleartext Tink JSON keysets and checks that a keyset suits the cookie store. */
final class Keysets {

    static final String HOW_TO_GENERATE = "sessionkit keys new keys.json (the command-line tool: java -jar"
            + " sessionkit-cli/target/sessionkit.jar keys new keys.json; or: tinkey create-keyset --key-template"
            + " AES256_GCM --out-format json --out keys.json)";

    /**
     * Every Tink call here names this configuration instead of relying on the global registry, so what the
     * store accepts does not depend on what else the application registered.
     */
    static final Configuration TINK = AeadConfig2026.get();

    private Keysets() {
    }

    /**
     * @param aead the algorithm
     * @return a keyset entry for a new key of {@code aead} with a random ID, not primary
     */
    static KeysetHandle.Builder.Entry newKey(CookieAead aead) {
        return KeysetHandle.generateEntryFromParameters(aead.parameters()).withRandomId();
    }

    /**
     * @param aead the algorithm
     * @return a new keyset with one key, primary
     */
    static KeysetHandle generate(CookieAead aead) {
        try {
            return KeysetHandle.generateNew(aead.parameters(), TINK);
        } catch (GeneralSecurityException e) {
            throw new SessionException("Cannot generate a " + aead.paramValue() + " key: " + e.getMessage(), e);
        }
    }

    /**
     * @param file   a cleartext JSON keyset file
     * @param source how the user named the file, for messages
     * @return the keyset
     * @throws SessionException naming {@code source} when the file cannot be read or is not a keyset
     */
    static KeysetHandle readFile(Path file, String source) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SessionException(source + ": cannot read the keyset file " + file + " (" + e + ")", e);
        }
        return parse(json, source);
    }

    /**
     * @param json   a cleartext keyset in Tink's JSON format
     * @param source where the JSON came from, for messages
     * @return the keyset
     * @throws SessionException naming {@code source} when the JSON is not a Tink keyset
     */
    static KeysetHandle parse(String json, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, TINK, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // The exception's message could quote key material; name only its type.
            throw new SessionException(source + " does not hold a Tink JSON keyset (" + e.getClass().getSimpleName()
                    + "). Generate one with: " + HOW_TO_GENERATE, e);
        }
    }

    /**
     * @param keyset a keyset that passed {@link #check}
     * @param source where the keyset came from, for messages
     * @return the AEAD that seals with the primary key and opens with every enabled key; thread-safe
     */
    static Aead aead(KeysetHandle keyset, String source) {
        try {
            return keyset.getPrimitive(TINK, Aead.class);
        } catch (GeneralSecurityException e) {
            throw new SessionException(source + ": cannot create the AEAD (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param keyset a keyset
     * @return it in Tink's JSON format, secrets included
     */
    static String toJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, TINK, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new SessionException("Cannot serialize the keyset: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that every key is a {@link CookieAead} key and that the primary is of {@code primaryAead}.
     *
     * @param keyset      the keyset
     * @param primaryAead the algorithm new cookies must be sealed with
     * @param source      where the keyset came from, for messages
     * @return the IDs of the enabled keys, which are the only ones that can open a cookie
     * @throws SessionException naming {@code source} when a key does not qualify
     */
    static Set<Integer> check(KeysetHandle keyset, CookieAead primaryAead, String source) {
        Set<Integer> enabled = new HashSet<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            CookieAead aead = CookieAead.of(entry.getKey().getParameters());
            if (aead == null) {
                throw new SessionException(source + ": key " + Integer.toUnsignedString(entry.getId()) + " is "
                        + entry.getKey().getParameters() + "; the cookie store takes only AES256_GCM and"
                        + " XCHACHA20_POLY1305 keys with the TINK output prefix (Tinkey templates of those names)");
            }
            if (entry.isPrimary() && aead != primaryAead) {
                throw new SessionException(source + ": the primary key " + Integer.toUnsignedString(entry.getId())
                        + " is " + aead.paramValue() + " but the store is configured for " + primaryAead.paramValue()
                        + "; set cookie-store.aead=" + aead.paramValue() + " (builder: aead(CookieAead." + aead.name()
                        + ")) or promote a " + primaryAead.paramValue() + " key");
            }
            if (entry.getStatus() == KeyStatus.ENABLED) {
                enabled.add(entry.getId());
            }
        }
        return Set.copyOf(enabled);
    }
}
