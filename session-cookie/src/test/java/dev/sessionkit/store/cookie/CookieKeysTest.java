package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookieKeysTest {

    @TempDir
    Path dir;

    private Path keys() {
        return dir.resolve("keys.json");
    }

    private KeysetHandle keyset() {
        return Keysets.readFile(keys(), "keys.json");
    }

    private String run(String... args) {
        return CookieKeys.run(args);
    }

    @Test
    void newWritesAKeysetWithOneAesGcmKeyReadableByItsOwnerOnly() throws Exception {
        String listing = run("new", keys().toString());

        KeysetHandle keyset = keyset();
        assertEquals(1, keyset.size());
        assertEquals(CookieAead.AES256_GCM, CookieAead.of(keyset.getPrimary().getKey().getParameters()));
        assertEquals(Integer.toUnsignedString(keyset.getPrimary().getId()) + " aes256-gcm enabled primary", listing);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
    }

    @Test
    void newTakesTheAlgorithm() {
        run("new", keys().toString(), "xchacha20-poly1305");
        assertEquals(CookieAead.XCHACHA20_POLY1305, CookieAead.of(keyset().getPrimary().getKey().getParameters()));
    }

    @Test
    void newNeverOverwritesAKeyset() {
        run("new", keys().toString());
        KeysetHandle first = keyset();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("new", keys().toString()));

        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        assertTrue(keyset().equalsKeyset(first));
    }

    @Test
    void addKeepsThePrimaryAndAddsAKeyThatOnlyOpens() {
        run("new", keys().toString());
        int primary = keyset().getPrimary().getId();

        run("add", keys().toString());

        assertEquals(2, keyset().size());
        assertEquals(primary, keyset().getPrimary().getId());
    }

    @Test
    void promoteMakesTheKeyPrimary() {
        run("new", keys().toString());
        run("add", keys().toString());
        int added = keyset().getAt(1).getId();

        run("promote", keys().toString(), Integer.toUnsignedString(added));

        assertEquals(added, keyset().getPrimary().getId());
        assertEquals(2, keyset().size());
    }

    @Test
    void rotateAddsANewPrimary() {
        run("new", keys().toString());

        run("rotate", keys().toString());

        assertEquals(2, keyset().size());
        assertEquals(keyset().getAt(1).getId(), keyset().getPrimary().getId());
    }

    @Test
    void removeDropsAKeyButNeverThePrimary() {
        run("new", keys().toString());
        run("rotate", keys().toString());
        String oldKey = Integer.toUnsignedString(keyset().getAt(0).getId());
        String primary = Integer.toUnsignedString(keyset().getPrimary().getId());

        run("remove", keys().toString(), oldKey);

        assertEquals(1, keyset().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("remove", keys().toString(), primary));
        assertTrue(e.getMessage().contains("promote another key first"), e.getMessage());
    }

    @Test
    void listShowsEachKeyWithoutSecrets() {
        run("new", keys().toString());
        run("add", keys().toString(), "xchacha20-poly1305");
        KeysetHandle keyset = keyset();

        List<String> lines = run("list", keys().toString()).lines().toList();

        assertEquals(List.of(
                Integer.toUnsignedString(keyset.getAt(0).getId()) + " aes256-gcm enabled primary",
                Integer.toUnsignedString(keyset.getAt(1).getId()) + " xchacha20-poly1305 enabled"), lines);
    }

    @Test
    void wrongUsagePrintsTheCommands() {
        for (String[] args : List.of(new String[0], new String[] {"frobnicate", "x.json"}, new String[] {"list"},
                new String[] {"promote", "x.json"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CookieKeys.run(args));
            assertTrue(e.getMessage().startsWith("usage: CookieKeys new FILE"), e.getMessage());
        }
    }

    @Test
    void badKeyIdsAreNamed() {
        run("new", keys().toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("promote", keys().toString(), "42"))
                .getMessage().contains("No key 42"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("promote", keys().toString(), "x"))
                .getMessage().contains("KEY_ID"));
    }
}
