package dev.sessionkit.testing.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Sends commands whose answer is {@code +OK} ({@code FLUSHALL}, {@code CONFIG SET}, ...) to a server over one
 * plain connection, pipelined. Tests call these between every two tests, and under PIT between every two
 * test runs; a connection costs a fraction of a millisecond where {@code redis-cli} costs a process start.
 */
final class OkCommands {

    private static final int TIMEOUT_MILLIS = (int) Duration.ofSeconds(30).toMillis();

    private OkCommands() {
    }

    /** Throws {@link IllegalStateException} naming the first command not answered {@code +OK}. */
    static void send(int port, List<List<String>> commands) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            for (List<String> command : commands) {
                write(out, command);
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (List<String> command : commands) {
                String reply = readLine(in);
                if (!reply.equals("+OK")) {
                    throw new IllegalStateException(String.join(" ", command) + " on port " + port + " answered " + reply);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("redis-server on port " + port + " did not answer " + commands, e);
        }
    }

    private static void write(OutputStream out, List<String> command) throws IOException {
        out.write(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed after " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
