package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Creates and rotates cookie-store keysets; the command-line tool's {@code sessionkit keys} commands call it.
 * Keysets are files in Tink's cleartext JSON format; every method but {@link #list(Path)} writes one,
 * readable by its owner only, replacing an existing file atomically, and returns the keys as {@code list}
 * prints them.
 *
 * <p>With several instances, rotate in two deployments: {@link #add} and roll out everywhere, then
 * {@link #promote} and roll out, so no instance meets a cookie sealed with a key it does not have;
 * {@link #remove} the old key once the absolute timeout has passed. Tinkey's {@code create-keyset},
 * {@code add-key}, {@code promote-key} and {@code delete-key} do the same with the templates
 * {@code AES256_GCM} and {@code XCHACHA20_POLY1305}.
 */
public final class CookieKeys {

    /** The first line {@link #list(Path)} prints, naming its columns. */
    public static final String HEADER = "KEY_ID      ALGORITHM           STATUS    ROLE";

    private CookieKeys() {
    }

    /**
     * @param aead the algorithm
     * @return a new keyset with one key of {@code aead}, primary
     */
    public static KeysetHandle generate(CookieAead aead) {
        return Keysets.generate(aead);
    }

    /**
     * Writes a new keyset with one key.
     *
     * @param file where to write it; must not exist
     * @param aead the key's algorithm
     * @return the listing of the new keyset
     * @throws IllegalArgumentException when {@code file} exists
     * @throws SessionException when it cannot be written
     */
    public static String create(Path file, CookieAead aead) {
        return list(write(file, generate(aead), false));
    }

    /**
     * Adds a key to a keyset file.
     *
     * @param file    the keyset file
     * @param aead    the new key's algorithm
     * @param primary whether the new key seals from now on ({@code rotate}); false adds a key that only opens
     * @return the listing of the changed keyset
     * @throws SessionException when the file cannot be read or written
     */
    public static String add(Path file, CookieAead aead, boolean primary) {
        return list(write(file, add(Keysets.readFile(file, file.toString()), aead, primary), true));
    }

    /**
     * Makes a key the one that seals new cookies.
     *
     * @param file  the keyset file
     * @param keyId the key's ID as {@link #list(Path)} prints it
     * @return the listing of the changed keyset
     * @throws IllegalArgumentException when the keyset has no such key
     */
    public static String promote(Path file, int keyId) {
        return list(write(file, promote(Keysets.readFile(file, file.toString()), keyId), true));
    }

    /**
     * Removes a key: the cookies it sealed stop opening.
     *
     * @param file  the keyset file
     * @param keyId the key's ID as {@link #list(Path)} prints it
     * @return the listing of the changed keyset
     * @throws IllegalArgumentException when the keyset has no such key, or it is the primary key
     */
    public static String remove(Path file, int keyId) {
        return list(write(file, remove(Keysets.readFile(file, file.toString()), keyId), true));
    }

    /**
     * Lists a keyset's keys, never their material: a {@link #HEADER} line, then one line per key with its ID,
     * algorithm, status and whether it is primary.
     *
     * @param file the keyset file
     * @return the listing
     * @throws SessionException when the file cannot be read
     */
    public static String list(Path file) {
        return list(Keysets.readFile(file, file.toString()));
    }

    static KeysetHandle add(KeysetHandle keyset, CookieAead aead, boolean primary) {
        KeysetHandle.Builder.Entry entry = Keysets.newKey(aead);
        if (primary) {
            entry.makePrimary();
        }
        return build(KeysetHandle.newBuilder(keyset).addEntry(entry));
    }

    static KeysetHandle promote(KeysetHandle keyset, int keyId) {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        builder.getAt(indexOf(keyset, keyId)).makePrimary();
        return build(builder);
    }

    static KeysetHandle remove(KeysetHandle keyset, int keyId) {
        int index = indexOf(keyset, keyId);
        if (keyset.getAt(index).isPrimary()) {
            throw new IllegalArgumentException("Key " + Integer.toUnsignedString(keyId)
                    + " is the primary key: promote another key first");
        }
        return build(KeysetHandle.newBuilder(keyset).deleteAt(index));
    }

    static String list(KeysetHandle keyset) {
        StringJoiner lines = new StringJoiner(System.lineSeparator());
        lines.add(HEADER);
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            CookieAead aead = CookieAead.of(entry.getKey().getParameters());
            lines.add(String.format(Locale.ROOT, "%-11s %-19s %-9s %s", Integer.toUnsignedString(entry.getId()),
                    aead != null ? aead.paramValue() : "unsuitable", entry.getStatus().toString().toLowerCase(Locale.ROOT),
                    entry.isPrimary() ? "primary" : "-"));
        }
        return lines.toString();
    }

    private static int indexOf(KeysetHandle keyset, int keyId) {
        for (int i = 0; i < keyset.size(); i++) {
            if (keyset.getAt(i).getId() == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("No key " + Integer.toUnsignedString(keyId) + " in the keyset");
    }

    private static KeysetHandle build(KeysetHandle.Builder builder) {
        try {
            return builder.setConfiguration(Keysets.TINK).build();
        } catch (GeneralSecurityException e) {
            throw new SessionException("Cannot build the keyset: " + e.getMessage(), e);
        }
    }

    private static KeysetHandle write(Path file, KeysetHandle keyset, boolean replace) {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(directory, ".keyset", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".keyset", ".tmp");
            Files.writeString(temp, Keysets.toJson(keyset), StandardCharsets.UTF_8);
            if (replace) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temp, file);
            }
            return keyset;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(file + " exists already: add a key to it with add, or choose another name");
        } catch (IOException e) {
            throw new SessionException("Cannot write " + file + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // Only a leftover temporary file, readable by its owner alone; the command's outcome stands.
            System.err.println("Could not delete " + temp + ": " + e);
        }
    }
}
