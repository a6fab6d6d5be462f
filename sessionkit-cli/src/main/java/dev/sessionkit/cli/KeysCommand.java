package dev.sessionkit.cli;

import dev.sessionkit.store.cookie.CookieAead;
import dev.sessionkit.store.cookie.CookieKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code sessionkit keys}: the Tink keysets of the cookie store (and of {@code store.encrypt-keyset-file},
 * and of {@code export --keyset}), as cleartext JSON files readable by their owner only.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Create and rotate a Tink AEAD keyset file (cookie-store.keyset-file, store.encrypt-keyset-file,"
                + " export --keyset).",
                "Rotate in two deployments: add, roll out; promote, roll out; remove the old key once the absolute"
                        + " timeout has passed."})
final class KeysCommand {

    private static final String AEAD_HELP = "aes256-gcm (default) or xchacha20-poly1305";

    @Command(name = "new", description = "Create FILE with one key (FILE must not exist).")
    void create(@Parameters(paramLabel = "FILE") Path file,
                @Option(names = "--aead", paramLabel = "AEAD", description = AEAD_HELP) String aead) {
        print(() -> CookieKeys.create(file, aead(aead)));
    }

    @Command(name = "add", description = "Add a key that opens but does not seal yet (--primary: seal with it at once).")
    void add(@Parameters(paramLabel = "FILE") Path file,
             @Option(names = "--aead", paramLabel = "AEAD", description = AEAD_HELP) String aead,
             @Option(names = "--primary", description = "Make it the sealing key now: only when every instance restarts together.")
             boolean primary) {
        print(() -> CookieKeys.add(file, aead(aead), primary));
    }

    @Command(name = "promote", description = "Make KEY_ID the key that seals.")
    void promote(@Parameters(paramLabel = "FILE") Path file, @Parameters(paramLabel = "KEY_ID") String keyId) {
        print(() -> CookieKeys.promote(file, keyId(keyId)));
    }

    @Command(name = "remove", description = "Remove KEY_ID: what it sealed stops opening.")
    void remove(@Parameters(paramLabel = "FILE") Path file, @Parameters(paramLabel = "KEY_ID") String keyId) {
        print(() -> CookieKeys.remove(file, keyId(keyId)));
    }

    @Command(name = "list", description = "Print each key's ID, algorithm, status and role, under a header.")
    void list(@Parameters(paramLabel = "FILE") Path file) {
        print(() -> CookieKeys.list(file));
    }

    private static void print(Supplier<String> listing) {
        String text;
        try {
            text = listing.get();
        } catch (IllegalArgumentException e) {
            throw new SessionkitCommand.UsageError(e.getMessage(), e);
        }
        System.out.println(text);
    }

    private static CookieAead aead(String name) {
        if (name == null) {
            return CookieAead.AES256_GCM;
        }
        for (CookieAead aead : CookieAead.values()) {
            if (aead.paramValue().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return aead;
            }
        }
        throw new SessionkitCommand.UsageError("--aead must be " + AEAD_HELP + ", was '" + name + "'");
    }

    private static int keyId(String keyId) {
        try {
            return Integer.parseUnsignedInt(keyId);
        } catch (NumberFormatException e) {
            throw new SessionkitCommand.UsageError("KEY_ID must be a key ID as keys list prints it, was '" + keyId + "'", e);
        }
    }
}
