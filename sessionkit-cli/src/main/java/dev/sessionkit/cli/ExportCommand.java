package dev.sessionkit.cli;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code sessionkit export FILE}: every live session of a server-side store, page by page, as
 * {@link ExportFormat} lines. Sessions are read without recording an access. A run that stops leaves a file
 * without its end line, which import refuses to finish; export starts again from the beginning.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every live session of the store to FILE (JSON Lines, readable by its owner only).",
                "Sessions are read without recording an access. An interrupted export is run again from the start."})
final class ExportCommand implements Runnable {

    private static final int PAGE = 500;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "FILE", description = "The export file to create; it must not exist.")
    Path file;

    @Mixin
    TransferOptions transfer;

    @Override
    public void run() {
        LineCipher cipher = transfer.cipher();
        try (OpenStore open = storeOptions.open()) {
            SessionStore store = open.copyable("export");
            SessionAdmin admin = open.admin("export");
            long absolute = open.config().absoluteTimeout().toMillis();
            byte[] id = new byte[16];
            new SecureRandom().nextBytes(id);
            ExportFormat.Header header = new ExportFormat.Header(Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                    cipher != null, System.currentTimeMillis());
            long written = 0;
            long vanished = 0;
            try (BufferedWriter out = create(file)) {
                out.write(ExportFormat.header(header));
                out.newLine();
                String cursor = null;
                do {
                    SessionPage page = admin.list(cursor, PAGE);
                    for (SessionInfo info : page.sessions()) {
                        LoadResult loaded = store.load(info.id(), System.currentTimeMillis(), Long.MAX_VALUE);
                        if (!loaded.isFound()) {
                            vanished++; // ended or deleted since the listing
                            continue;
                        }
                        long deadline = absolute > 0 ? loaded.session().creationTime() + absolute : 0;
                        written++;
                        write(out, ExportFormat.session(new ExportedSession(loaded.session(), deadline)), cipher, header, written + 1);
                        if (written % transfer.progressEvery == 0) {
                            System.err.println("export: " + written + " sessions written");
                        }
                    }
                    cursor = page.cursor();
                } while (cursor != null);
                write(out, ExportFormat.end(written), cipher, header, written + 2);
            } catch (IOException e) {
                throw new CommandFailure("Cannot write " + file + ": " + e.getMessage(), e);
            }
            System.err.println("export: " + written + " sessions written to " + file
                    + (vanished > 0 ? " (" + vanished + " ended while listed)" : "") + (cipher != null ? ", encrypted" : ""));
        }
    }

    private static void write(BufferedWriter out, String line, LineCipher cipher, ExportFormat.Header header, long lineNumber)
            throws IOException {
        out.write(cipher == null ? line : cipher.seal(line, header.fileId(), lineNumber));
        out.newLine();
    }

    private static BufferedWriter create(Path file) {
        try {
            Path created = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createFile(file);
            return Files.newBufferedWriter(created, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new SessionkitCommand.UsageError(file + " exists already: choose another name, or delete it first", e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot create " + file + ": " + e.getMessage(), e);
        }
    }
}
