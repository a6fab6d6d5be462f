package dev.sessionkit.cli;

import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sealed line opens only where it was written: in its own export, at its own line number. */
class LineCipherTest {

    @TempDir
    Path dir;

    private LineCipher cipher() {
        Path keyset = dir.resolve("export-key.json");
        CookieKeys.create(keyset, CookieAead.AES256_GCM);
        return LineCipher.fromKeysetFile(keyset);
    }

    @Test
    void aSealedLineOpensAtItsOwnPlaceOnly() {
        LineCipher cipher = cipher();
        String sealed = cipher.seal("{\"id\":\"x\"}", "file-a", 3);

        assertEquals("{\"id\":\"x\"}", cipher.open(sealed, "file-a", 3, "export.jsonl"));
        CommandFailure moved = assertThrows(CommandFailure.class, () -> cipher.open(sealed, "file-a", 4, "export.jsonl"));
        CommandFailure spliced = assertThrows(CommandFailure.class, () -> cipher.open(sealed, "file-b", 3, "export.jsonl"));

        assertTrue(moved.getMessage().contains("export.jsonl line 4 does not open with --keyset"), moved.getMessage());
        assertTrue(spliced.getMessage().contains("line 3 does not open"), spliced.getMessage());
    }
}
