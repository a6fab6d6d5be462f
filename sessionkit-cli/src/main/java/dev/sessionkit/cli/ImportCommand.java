package dev.sessionkit.cli;

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

/**
 * {@code sessionkit import FILE}: inserts each session of an export under its ID, keeping its times and so
 * what is left of its lifetime; skips sessions that have ended and IDs the store holds already, so running
 * it twice changes nothing. Progress goes to standard error and to {@code FILE.progress}, from which
 * {@code --resume} continues.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Insert the sessions of an export into the store, keeping IDs and remaining lifetimes.",
                "Skips sessions that have ended and IDs already stored: a second run changes nothing.",
                "Records progress in FILE.progress; --resume continues from there."})
final class ImportCommand implements Runnable {

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "FILE", description = "An export file, as sessionkit export writes it.")
    Path file;

    @Mixin
    TransferOptions transfer;

    @Option(names = "--resume", description = "Continue after the last line FILE.progress records.")
    boolean resume;

    @Override
    public void run() {
        LineCipher cipher = transfer.cipher();
        Path progress = ProgressFile.of(file);
        if (ProgressFile.isExport(progress)) {
            throw new SessionkitCommand.UsageError(file + " is still being exported (" + progress + " is the export's"
                    + " checkpoint): finish it first with: sessionkit export " + file + " --resume");
        }
        try (BufferedReader in = open(file); OpenStore open = storeOptions.open()) {
            SessionStore store = open.copyable("import");
            long absolute = open.config().absoluteTimeout().toMillis();
            String first = in.readLine();
            if (first == null) {
                throw new CommandFailure(file + " is empty");
            }
            ExportFormat.Header header = ExportFormat.parseHeader(first, file.toString());
            if (header.encrypted() && cipher == null) {
                throw new SessionkitCommand.UsageError(file + " is encrypted: give the keyset it was exported with (--keyset)");
            }
            if (!header.encrypted() && cipher != null) {
                throw new SessionkitCommand.UsageError(file + " is not encrypted: drop --keyset");
            }
            Checkpoint start = resume ? Checkpoint.read(progress) : null;
            if (start != null && !start.fileId().equals(header.fileId())) {
                throw new SessionkitCommand.UsageError(progress + " belongs to another export: delete it, or drop --resume");
            }
            if (resume && start == null) {
                System.err.println("import: no " + progress + ", starting at the beginning");
            }
            long resumeAfter = start == null ? 1 : start.lineDone();
            ImportCounts counts = start == null ? ImportCounts.NONE : start.counts();
            if (start != null) {
                System.err.println("import: resuming after line " + resumeAfter + " (" + counts + ")");
            }
            long lineNumber = 1;
            String line;
            boolean ended = false;
            try {
                while (!ended && (line = in.readLine()) != null) {
                    lineNumber++;
                    if (lineNumber <= resumeAfter) {
                        continue;
                    }
                    String where = file + " line " + lineNumber;
                    String plain = cipher == null ? line : cipher.open(line, header.fileId(), lineNumber, file.toString());
                    ExportedSession exported = ExportFormat.parse(plain, where, lineNumber - 2);
                    if (exported == null) {
                        ended = true;
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    counts = exported.hasEnded(now, absolute) ? counts.plusExpired()
                            : store.insert(exported.session(), now) ? counts.plusImported() : counts.plusExisting();
                    if (counts.total() % transfer.progressEvery == 0) {
                        new Checkpoint(header.fileId(), lineNumber, counts).write(progress);
                        System.err.println("import: " + counts.total() + " sessions (" + counts + ")");
                    }
                }
            } catch (RuntimeException e) {
                // Every line before this one is done: --resume starts at this one again.
                new Checkpoint(header.fileId(), lineNumber - 1, counts).write(progress);
                throw e;
            }
            if (!ended) {
                new Checkpoint(header.fileId(), lineNumber, counts).write(progress);
                throw new CommandFailure(file + " ends after line " + lineNumber + " without its end line: the export was"
                        + " cut short. So far " + counts + "; import the complete file with --resume to continue");
            }
            Files.deleteIfExists(progress);
            System.err.println("import: done, " + counts);
        } catch (IOException e) {
            throw new CommandFailure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedReader open(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SessionkitCommand.UsageError("No export file " + file, e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
