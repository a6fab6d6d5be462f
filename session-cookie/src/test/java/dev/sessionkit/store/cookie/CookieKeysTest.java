package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

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

    private static String row(KeysetHandle.Entry entry, String algorithm, String role) {
        return String.format("%-11s %-19s %-9s %s", Integer.toUnsignedString(entry.getId()), algorithm, "enabled", role);
    }

    @Test
    void createWritesAKeysetWithOneAesGcmKeyReadableByItsOwnerOnly() throws Exception {
        String listing = CookieKeys.create(keys(), CookieAead.AES256_GCM);

        KeysetHandle keyset = keyset();
        assertEquals(1, keyset.size());
        assertEquals(CookieAead.AES256_GCM, CookieAead.of(keyset.getPrimary().getKey().getParameters()));
        assertEquals(List.of(CookieKeys.HEADER, row(keyset.getPrimary(), "aes256-gcm", "primary")), listing.lines().toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
    }

    @Test
    void createTakesTheAlgorithm() {
        CookieKeys.create(keys(), CookieAead.XCHACHA20_POLY1305);
        assertEquals(CookieAead.XCHACHA20_POLY1305, CookieAead.of(keyset().getPrimary().getKey().getParameters()));
    }

    @Test
    void createNeverOverwritesAKeyset() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        KeysetHandle first = keyset();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CookieKeys.create(keys(), CookieAead.AES256_GCM));

        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        assertTrue(keyset().equalsKeyset(first));
    }

    @Test
    void addKeepsThePrimaryAndAddsAKeyThatOnlyOpens() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        int primary = keyset().getPrimary().getId();

        CookieKeys.add(keys(), CookieAead.AES256_GCM, false);

        assertEquals(2, keyset().size());
        assertEquals(primary, keyset().getPrimary().getId());
    }

    @Test
    void promoteMakesTheKeyPrimary() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        CookieKeys.add(keys(), CookieAead.AES256_GCM, false);
        int added = keyset().getAt(1).getId();

        CookieKeys.promote(keys(), added);

        assertEquals(added, keyset().getPrimary().getId());
        assertEquals(2, keyset().size());
    }

    @Test
    void addingAPrimaryRotatesAtOnce() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);

        CookieKeys.add(keys(), CookieAead.AES256_GCM, true);

        assertEquals(2, keyset().size());
        assertEquals(keyset().getAt(1).getId(), keyset().getPrimary().getId());
    }

    @Test
    void removeDropsAKeyButNeverThePrimary() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        CookieKeys.add(keys(), CookieAead.AES256_GCM, true);
        int oldKey = keyset().getAt(0).getId();
        int primary = keyset().getPrimary().getId();

        CookieKeys.remove(keys(), oldKey);

        assertEquals(1, keyset().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CookieKeys.remove(keys(), primary));
        assertTrue(e.getMessage().contains("promote another key first"), e.getMessage());
    }

    @Test
    void listShowsAHeaderAndEachKeyWithoutSecrets() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        CookieKeys.add(keys(), CookieAead.XCHACHA20_POLY1305, false);
        KeysetHandle keyset = keyset();

        List<String> lines = CookieKeys.list(keys()).lines().toList();

        assertEquals(List.of(CookieKeys.HEADER,
                row(keyset.getAt(0), "aes256-gcm", "primary"),
                row(keyset.getAt(1), "xchacha20-poly1305", "-")), lines);
    }

    @Test
    void unknownKeyIdsAreNamed() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CookieKeys.promote(keys(), 42))
                .getMessage().contains("No key 42"));
    }

    @Test
    void addPromoteAndRemoveReturnTheListingOfTheChangedKeyset() {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);
        int first = keyset().getPrimary().getId();

        String added = CookieKeys.add(keys(), CookieAead.XCHACHA20_POLY1305, false);
        assertEquals(CookieKeys.list(keys()), added);
        assertEquals(3, added.lines().count());

        String promoted = CookieKeys.promote(keys(), keyset().getAt(1).getId());
        assertEquals(CookieKeys.list(keys()), promoted);
        assertTrue(promoted.lines().toList().get(2).endsWith("primary"), promoted);

        String removed = CookieKeys.remove(keys(), first);
        assertEquals(CookieKeys.list(keys()), removed);
        assertEquals(2, removed.lines().count());
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileBehind() throws Exception {
        CookieKeys.create(keys(), CookieAead.AES256_GCM);

        assertThrows(IllegalArgumentException.class, () -> CookieKeys.create(keys(), CookieAead.AES256_GCM));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(keys()), files.toList());
        }
    }

    @Test
    void aKeysetThatCannotBeWrittenIsNamed() {
        Path missing = dir.resolve("missing").resolve("keys.json");

        SessionException e = assertThrows(SessionException.class, () -> CookieKeys.create(missing, CookieAead.AES256_GCM));

        assertTrue(e.getMessage().startsWith("Cannot write " + missing), e.getMessage());
    }
}
