package dev.sessionkit.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What export and import share: the file's keyset and how often to report progress. */
final class TransferOptions {

    @Option(names = "--keyset", paramLabel = "KEYSET",
            description = "The Tink AEAD keyset that seals (export) or opens (import) every line; make one with: sessionkit keys new KEYSET.")
    Path keyset;

    @Option(names = "--progress-every", defaultValue = "1000", paramLabel = "N",
            description = "Report progress on standard error every N sessions (default ${DEFAULT-VALUE}); import records it then too.")
    int progressEvery;

    /** @return the line cipher of {@code --keyset}, or null when the file is not encrypted */
    LineCipher cipher() {
        return keyset == null ? null : LineCipher.fromKeysetFile(keyset);
    }
}
