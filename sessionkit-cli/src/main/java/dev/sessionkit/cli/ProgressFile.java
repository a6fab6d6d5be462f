package dev.sessionkit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * {@code FILE.progress}, beside an export file: where an interrupted export ({@link ExportCheckpoint}) or
 * import ({@link Checkpoint}) stands, as properties. It is replaced whole (written aside, synced, renamed), so
 * a crash leaves the old one or the new one, never half of one.
 */
final class ProgressFile {

    /** The {@code kind} of an export's progress; an import's names none. */
    static final String EXPORT = "export";

    private ProgressFile() {
    }

    static Path of(Path export) {
        return export.resolveSibling(export.getFileName() + ".progress");
    }

    /** @return the properties at {@code path}, or null when there is no such file */
    static Properties load(Path path) throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    /** @return whether {@code path} holds the progress of an export that has not finished */
    static boolean isExport(Path path) {
        try {
            Properties p = load(path);
            return p != null && EXPORT.equals(p.getProperty("kind"));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static void store(Path path, Properties p, String comment) {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream stream = Channels.newOutputStream(channel);
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                p.store(writer, comment);
                writer.flush();
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandFailure("Cannot write the progress file " + path + ": " + e.getMessage(), e);
        }
    }
}
