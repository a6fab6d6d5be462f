package dev.sessionkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where an export stands, kept in {@code FILE.progress} after each listing page is written and synced: the
 * listing cursor to continue from, how long the file was then, and the sessions written so far (which give
 * the next line's number, the one an encrypted line is sealed with). {@code export --resume} cuts the file
 * back to that length and lists on from the cursor; a finished export deletes it.
 *
 * @param fileId   the export's ID, from its header
 * @param cursor   the listing cursor after the last page written, or null before the first page
 * @param length   the file's length in bytes once that page was written
 * @param written  the session lines in the file up to {@code length}
 * @param vanished sessions listed that had ended when read, so far
 */
record ExportCheckpoint(String fileId, String cursor, long length, long written, long vanished) {

    /** @return the checkpoint at {@code path}, or null when there is none */
    static ExportCheckpoint read(Path path) {
        try {
            Properties p = ProgressFile.load(path);
            if (p == null) {
                return null;
            }
            if (!ProgressFile.EXPORT.equals(p.getProperty("kind"))) {
                throw new SessionkitCommand.UsageError(path + " records an import, not an export: the export finished;"
                        + " drop --resume");
            }
            return new ExportCheckpoint(p.getProperty("file"), p.getProperty("cursor"), Long.parseLong(p.getProperty("length")),
                    Long.parseLong(p.getProperty("written")), Long.parseLong(p.getProperty("vanished")));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailure("Cannot read the progress file " + path + " (" + e + "): delete both it and the"
                    + " export file, and export again", e);
        }
    }

    /** @return the line number of the next line after the header and the sessions written */
    long nextLine() {
        return written + 2;
    }

    void write(Path path) {
        Properties p = new Properties();
        p.setProperty("kind", ProgressFile.EXPORT);
        p.setProperty("file", fileId);
        if (cursor != null) {
            p.setProperty("cursor", cursor);
        }
        p.setProperty("length", Long.toString(length));
        p.setProperty("written", Long.toString(written));
        p.setProperty("vanished", Long.toString(vanished));
        ProgressFile.store(path, p, "sessionkit export progress");
    }
}
