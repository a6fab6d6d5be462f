package dev.sessionkit.config;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.function.Function;

/**
 * The AEAD keyset that seals attribute values at rest: read from {@code store.encrypt-keyset-file} or
 * {@code store.encrypt-keyset-env}, as the cookie store reads its own, and checked to be an AEAD keyset.
 */
final class AtRestKeyset {

    static final String FILE = "store.encrypt-keyset-file";
    static final String ENV = "store.encrypt-keyset-env";
    static final String CLEARTEXT = "store.encrypt-cleartext-keyset";

    private AtRestKeyset() {
    }

    /** @return the keyset the init-params name, or null when encryption at rest is off */
    static KeysetHandle fromInitParams(InitParams params, Function<String, String> env) {
        String file = params.get(FILE);
        String variable = params.get(ENV);
        if (file == null && variable == null) {
            if (params.get(CLEARTEXT) != null) {
                throw new SessionException(CLEARTEXT + " is set but neither " + FILE + " nor " + ENV + ": name the keyset");
            }
            return null;
        }
        if (file != null && variable != null) {
            throw new SessionException("Both " + FILE + " and " + ENV + " are set: set only one of them");
        }
        if (!"true".equalsIgnoreCase(params.get(CLEARTEXT))) {
            throw new SessionException((file != null ? FILE : ENV) + " names a cleartext keyset: whoever reads it can read"
                    + " every encrypted attribute. Keep it out of the store's reach and set " + CLEARTEXT + "=true");
        }
        String source = file != null ? FILE + "=" + file : ENV + "=" + variable;
        String json;
        if (file != null) {
            try {
                json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SessionException(source + ": cannot read the keyset file (" + e + ")", e);
            }
        } else {
            json = env.apply(variable);
            if (json == null || json.isBlank()) {
                throw new SessionException(source + ": the environment variable is not set: export it to the server's process");
            }
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SessionException(source + " is not a Tink JSON keyset (" + e.getMessage() + "); make one with: "
                    + "tinkey create-keyset --key-template AES256_GCM --out-format json --out keys.json", e);
        }
    }

    /** @return the keyset's AEAD primitive */
    static Aead aead(KeysetHandle keyset, String option) {
        try {
            return keyset.getPrimitive(AeadConfig2026.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new SessionException(option + ": the keyset is not an AEAD keyset (AES-GCM, XChaCha20-Poly1305): "
                    + e.getMessage(), e);
        }
    }
}
