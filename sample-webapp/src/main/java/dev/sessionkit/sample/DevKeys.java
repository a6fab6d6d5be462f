package dev.sessionkit.sample;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Throw-away keys so that the sample runs with no setup. They live as long as the process: sessions do
 * not survive a restart, and other instances cannot read them. Never the way to run a real application.
 */
final class DevKeys {

    private DevKeys() {
    }

    /** @return 64 random characters, enough for {@code SessionConfig}'s signing secret */
    static String secret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Writes a new AES256-GCM keyset, readable only by this user, for the cookie store. The caller deletes it.
     *
     * @return the keyset file
     */
    static Path cookieKeyset() {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get()),
                    AeadConfig2026.get(), InsecureSecretKeyAccess.get());
            Path file = Files.createTempFile("sessionkit-sample-keyset-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a cookie keyset: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a temporary cookie keyset", e);
        }
    }
}
