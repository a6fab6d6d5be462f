package dev.sessionkit.cli;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Seals each line of an export after the header with a Tink AEAD keyset ({@code --keyset}, as
 * {@code sessionkit keys new} writes it). The associated data binds a line to the format, to this export
 * (the header's random file ID) and to its line number, so lines cannot be moved within a file or between
 * files; the end line counts them, so none can be dropped.
 */
final class LineCipher {

    private static final Configuration TINK = AeadConfig2026.get();

    private final Aead aead;
    private final Path keysetFile;

    private LineCipher(Aead aead, Path keysetFile) {
        this.aead = aead;
        this.keysetFile = keysetFile;
    }

    static LineCipher fromKeysetFile(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SessionkitCommand.UsageError("Cannot read --keyset " + file + ": " + e.getMessage(), e);
        }
        try {
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, TINK, InsecureSecretKeyAccess.get());
            return new LineCipher(keyset.getPrimitive(TINK, Aead.class), file);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The exception's message could quote key material; name only its type.
            throw new SessionkitCommand.UsageError("--keyset " + file + " is not a Tink AEAD keyset in JSON ("
                    + e.getClass().getSimpleName() + "). Make one with: sessionkit keys new " + file, e);
        }
    }

    String seal(String line, String fileId, long lineNumber) {
        try {
            return Base64.getEncoder().encodeToString(aead.encrypt(line.getBytes(StandardCharsets.UTF_8),
                    associatedData(fileId, lineNumber)));
        } catch (GeneralSecurityException e) {
            throw new CommandFailure("Cannot encrypt line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    String open(String line, String fileId, long lineNumber, String source) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(line.strip()), associatedData(fileId, lineNumber)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CommandFailure(source + " line " + lineNumber + " does not open with --keyset " + keysetFile
                    + ": the export was encrypted with another keyset, or the file was altered");
        }
    }

    private static byte[] associatedData(String fileId, long lineNumber) {
        return (ExportFormat.FORMAT + " v" + ExportFormat.VERSION + "\n" + fileId + "\n" + lineNumber)
                .getBytes(StandardCharsets.UTF_8);
    }
}
