package dev.sessionkit.cli;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code sessionkit export FILE}: every live session of a server-side store, page by page, as
 * {@link ExportFormat} lines. Sessions are read without recording an access. After each page the file is
 * synced and {@code FILE.progress} records the listing cursor ({@link ExportCheckpoint}); {@code --resume}
 * continues an interrupted export from there.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write every live session of the store to FILE (JSON Lines, readable by its owner only).",
                "Sessions are read without recording an access. Records progress in FILE.progress after each page;",
                "--resume continues an interrupted export from there."})
final class ExportCommand implements Runnable {

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "FILE", description = "The export file to create; it must not exist (unless --resume).")
    Path file;

    @Mixin
    TransferOptions transfer;

    @Option(names = "--resume", description = "Continue the interrupted export of FILE from the page FILE.progress records.")
    boolean resume;

    @Option(names = "--page-size", defaultValue = "500", paramLabel = "N",
            description = "Sessions per listing page, the unit of progress (default ${DEFAULT-VALUE}).")
    int pageSize;

    /** For tests: stop, as an interrupted run would, once this many pages are recorded. */
    @Option(names = "--stop-after-pages", hidden = true, defaultValue = "0")
    int stopAfterPages;

    @Override
    public void run() {
        if (pageSize < 1) {
            throw new SessionkitCommand.UsageError("--page-size must be at least 1");
        }
        LineCipher cipher = transfer.cipher();
        Path progress = ProgressFile.of(file);
        try (OpenStore open = storeOptions.open()) {
            SessionStore store = open.copyable("export");
            SessionAdmin admin = open.admin("export");
            long absolute = open.config().absoluteTimeout().toMillis();
            ExportFormat.Header header;
            ExportCheckpoint at;
            ExportFile out;
            if (resume) {
                at = ExportCheckpoint.read(progress);
                if (at == null) {
                    throw new SessionkitCommand.UsageError("No " + progress + ": the export of " + file + " finished or"
                            + " never started; to export again, delete " + file + " and drop --resume");
                }
                header = resumedHeader(at, cipher);
                out = ExportFile.reopen(file, at.length());
                System.err.println("export: resuming after " + at.written() + " sessions");
            } else {
                header = newHeader(cipher);
                out = ExportFile.create(file);
                out.line(ExportFormat.header(header));
                at = new ExportCheckpoint(header.fileId(), null, out.sync(), 0, 0);
                at.write(progress);
            }
            try (ExportFile writing = out) {
                at = copy(admin, store, absolute, writing, at, header, cipher, progress);
                write(writing, ExportFormat.end(at.written()), cipher, header, at.nextLine());
                writing.sync();
            }
            Files.delete(progress);
            System.err.println("export: " + at.written() + " sessions written to " + file
                    + (at.vanished() > 0 ? " (" + at.vanished() + " ended while listed)" : "") + (cipher != null ? ", encrypted" : ""));
        } catch (IOException e) {
            throw new CommandFailure("Cannot write " + file + ": " + e.getMessage()
                    + "; continue with: sessionkit export " + file + " --resume", e);
        }
    }

    /** Writes the pages from the checkpoint's cursor on, recording each; returns where the listing ended. */
    private ExportCheckpoint copy(SessionAdmin admin, SessionStore store, long absolute, ExportFile out, ExportCheckpoint from,
            ExportFormat.Header header, LineCipher cipher, Path progress) throws IOException {
        String cursor = from.cursor();
        long written = from.written();
        long vanished = from.vanished();
        int pages = 0;
        do {
            SessionPage page = admin.list(cursor, pageSize);
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
            if (cursor != null) {
                new ExportCheckpoint(header.fileId(), cursor, out.sync(), written, vanished).write(progress);
                if (++pages == stopAfterPages) {
                    throw new CommandFailure("export: stopped after " + pages + " pages (--stop-after-pages), "
                            + written + " sessions written; continue with --resume");
                }
            }
        } while (cursor != null);
        return new ExportCheckpoint(header.fileId(), null, 0, written, vanished);
    }

    private static void write(ExportFile out, String line, LineCipher cipher, ExportFormat.Header header, long lineNumber)
            throws IOException {
        out.line(cipher == null ? line : cipher.seal(line, header.fileId(), lineNumber));
    }

    private static ExportFormat.Header newHeader(LineCipher cipher) {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return new ExportFormat.Header(Base64.getUrlEncoder().withoutPadding().encodeToString(id), cipher != null,
                System.currentTimeMillis());
    }

    /**
     * Reads the interrupted file's header, checks that the checkpoint and the keyset belong to it (by opening
     * its first session line with the keyset), so the lines that follow are sealed as the earlier ones.
     */
    private ExportFormat.Header resumedHeader(ExportCheckpoint at, LineCipher cipher) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new CommandFailure(file + " is empty: delete it and " + ProgressFile.of(file) + ", and export again");
            }
            ExportFormat.Header header = ExportFormat.parseHeader(first, file.toString());
            if (!header.fileId().equals(at.fileId())) {
                throw new SessionkitCommand.UsageError(ProgressFile.of(file) + " belongs to another export than " + file);
            }
            if (header.encrypted() != (cipher != null)) {
                throw new SessionkitCommand.UsageError(header.encrypted()
                        ? file + " is encrypted: resume with the keyset it was started with (--keyset)"
                        : file + " is not encrypted: resume without --keyset");
            }
            String second = in.readLine();
            if (cipher != null && at.written() > 0 && second != null) {
                cipher.open(second, header.fileId(), 2, file.toString());
            }
            return header;
        } catch (NoSuchFileException e) {
            throw new SessionkitCommand.UsageError("No export file " + file + " to resume: export without --resume", e);
        }
    }
}
