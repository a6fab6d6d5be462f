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
import java.util.Set;
import java.util.StringJoiner;

/**
 * Creates and rotates cookie-store keysets from the command line. Keysets are files in Tink's cleartext JSON
 * format; every command but {@code list} writes one, readable by its owner only, replacing an existing file
 * atomically, then prints the keys as {@code list} does.
 *
 * <pre>
 * CookieKeys new FILE [AEAD]       create FILE with one key (FILE must not exist)
 * CookieKeys add FILE [AEAD]       add a key that opens cookies but does not seal yet
 * CookieKeys promote FILE KEY_ID   make KEY_ID the key that seals new cookies
 * CookieKeys rotate FILE [AEAD]    add and promote at once: only when every instance restarts together
 * CookieKeys remove FILE KEY_ID    remove KEY_ID: the cookies it sealed stop opening
 * CookieKeys list FILE             print each key's ID, algorithm, status and role
 * </pre>
 * AEAD is {@code aes256-gcm} (the default) or {@code xchacha20-poly1305}. With several instances, rotate in
 * two deployments: {@code add} and roll out everywhere, then {@code promote} and roll out, so no instance
 * meets a cookie sealed with a key it does not have; {@code remove} the old key once the absolute timeout has
 * passed. Tinkey's {@code create-keyset}, {@code add-key}, {@code promote-key} and {@code delete-key} do the
 * same with the templates {@code AES256_GCM} and {@code XCHACHA20_POLY1305}.
 */
public final class CookieKeys {

    private static final String USAGE = """
            usage: CookieKeys new FILE [AEAD]
                   CookieKeys add FILE [AEAD]
                   CookieKeys promote FILE KEY_ID
                   CookieKeys rotate FILE [AEAD]
                   CookieKeys remove FILE KEY_ID
                   CookieKeys list FILE
            AEAD: aes256-gcm (default) or xchacha20-poly1305""";

    private static final Set<String> COMMANDS = Set.of("new", "add", "promote", "rotate", "remove", "list");

    private CookieKeys() {
    }

    /**
     * Runs one command (see the class description) and prints the keyset's keys; on a usage or key error
     * prints the reason to standard error and exits with status 2.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (SessionException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * @param aead the algorithm
     * @return a new keyset with one key of {@code aead}, primary
     */
    public static KeysetHandle generate(CookieAead aead) {
        return Keysets.generate(aead);
    }

    static String run(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        if (args.length < 2 || !COMMANDS.contains(command)) {
            throw new IllegalArgumentException(USAGE);
        }
        Path file = Path.of(args[1]);
        if (command.equals("new")) {
            return list(write(file, generate(aead(args)), false));
        }
        int keyId = command.equals("promote") || command.equals("remove") ? keyId(args) : 0;
        KeysetHandle current = Keysets.readFile(file, args[1]);
        KeysetHandle keyset = switch (command) {
            case "add" -> write(file, add(current, aead(args), false), true);
            case "rotate" -> write(file, add(current, aead(args), true), true);
            case "promote" -> write(file, promote(current, keyId), true);
            case "remove" -> write(file, remove(current, keyId), true);
            default -> current;
        };
        return list(keyset);
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
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            CookieAead aead = CookieAead.of(entry.getKey().getParameters());
            lines.add(Integer.toUnsignedString(entry.getId()) + " " + (aead != null ? aead.paramValue() : "unsuitable")
                    + " " + entry.getStatus().toString().toLowerCase(Locale.ROOT)
                    + (entry.isPrimary() ? " primary" : ""));
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

    private static CookieAead aead(String[] args) {
        return args.length > 2 ? CookieAead.parse(args[2], "AEAD") : CookieAead.AES256_GCM;
    }

    private static int keyId(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException(USAGE);
        }
        try {
            return Integer.parseUnsignedInt(args[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KEY_ID must be a key ID as list prints it, was '" + args[2] + "'");
        }
    }
}
