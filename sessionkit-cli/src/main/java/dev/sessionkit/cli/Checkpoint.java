package dev.sessionkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where an import stands, kept beside the export file as {@code FILE.progress}: the export's ID, the last
 * line done and the counts so far. {@code import --resume} continues after that line; a finished import
 * deletes it.
 *
 * @param fileId   the export's ID, from its header
 * @param lineDone the last line whose session was imported or skipped (1 is the header)
 * @param counts   what happened to the sessions up to that line
 */
record Checkpoint(String fileId, long lineDone, ImportCounts counts) {

    /** @return the checkpoint at {@code path}, or null when there is none */
    static Checkpoint read(Path path) {
        try {
            Properties p = ProgressFile.load(path);
            if (p == null) {
                return null;
            }
            return new Checkpoint(p.getProperty("file"), Long.parseLong(p.getProperty("line")),
                    new ImportCounts(Long.parseLong(p.getProperty("imported")), Long.parseLong(p.getProperty("existing")),
                            Long.parseLong(p.getProperty("expired"))));
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("Cannot read the progress file " + path + " (" + e + "): delete it and import"
                    + " again without --resume (sessions already imported are skipped)", e);
        }
    }

    void write(Path path) {
        Properties p = new Properties();
        p.setProperty("file", fileId);
        p.setProperty("line", Long.toString(lineDone));
        p.setProperty("imported", Long.toString(counts.imported()));
        p.setProperty("existing", Long.toString(counts.existing()));
        p.setProperty("expired", Long.toString(counts.expired()));
        ProgressFile.store(path, p, "sessionkit import progress");
    }
}
