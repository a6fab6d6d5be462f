package dev.sessionkit.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The export file being written: lines through a buffer, made durable ({@link #sync}) page by page. */
final class ExportFile implements Closeable {

    private final FileChannel channel;
    private final BufferedWriter out;

    private ExportFile(FileChannel channel) {
        this.channel = channel;
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    /** Creates the file, readable by its owner only where the file system has POSIX permissions. */
    static ExportFile create(Path file) {
        try {
            boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            return new ExportFile(FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly));
        } catch (FileAlreadyExistsException e) {
            throw new SessionkitCommand.UsageError(file + " exists already: choose another name, or delete it first"
                    + (ProgressFile.isExport(ProgressFile.of(file)) ? " (or continue its interrupted export with --resume)" : ""), e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the file of an interrupted export and cuts it back to {@code length}, what its checkpoint covers. */
    static ExportFile reopen(Path file, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            if (channel.size() < length) {
                channel.close();
                throw new CommandFailure(file + " is shorter (" + channel.size() + " bytes) than its checkpoint says ("
                        + length + "): it was altered; delete it and its .progress file, and export again");
            }
            channel.truncate(length);
            channel.position(length);
            return new ExportFile(channel);
        } catch (NoSuchFileException e) {
            throw new SessionkitCommand.UsageError("No export file " + file + " to resume: export without --resume", e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot reopen " + file + ": " + e.getMessage(), e);
        }
    }

    void line(String line) throws IOException {
        out.write(line);
        out.newLine();
    }

    /** @return the file's length once every line written so far is on the disk */
    long sync() throws IOException {
        out.flush();
        channel.force(false);
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
