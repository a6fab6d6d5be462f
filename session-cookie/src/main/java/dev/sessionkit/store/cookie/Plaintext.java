package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.SessionData;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a session cookie seals: one format byte, the idle and absolute deadlines (8 bytes each, epoch
 * milliseconds, {@link Long#MAX_VALUE} for none), the issue time (8 bytes, epoch microseconds of
 * {@link IssueClock}), then the {@link SessionDataCodec} document, raw DEFLATE compressed when the format
 * byte says so. The deadlines come first and uncompressed so an expired cookie is refused without inflating
 * or parsing it. Every byte, the format byte included, is under the AEAD tag. Cookies of the first two
 * formats, sealed before the issue time was added, read as issued at 0: any revocation of theirs covers them.
 *
 * @param idleDeadline     the last instant the session may be used without a new access
 * @param absoluteDeadline the last instant the session may be used at all
 * @param issuedAt         when the cookie was sealed, for revocation
 * @param compressed       whether {@code body} is deflated
 * @param body             the session document, possibly deflated
 */
record Plaintext(long idleDeadline, long absoluteDeadline, long issuedAt, boolean compressed, byte[] body) {

    static final byte FORMAT_JSON = 1;
    static final byte FORMAT_DEFLATED_JSON = 2;
    static final byte FORMAT_ISSUED_JSON = 3;
    static final byte FORMAT_ISSUED_DEFLATED_JSON = 4;
    static final int HEADER_BYTES = 1 + 2 * Long.BYTES;
    static final int ISSUED_HEADER_BYTES = HEADER_BYTES + Long.BYTES;

    /*
     * A zlib stream allocates hundreds of kilobytes of native state; making one per cookie cost more than
     * the encryption. A few are kept for reuse (static, not thread-local: thread-locals holding native
     * state outlive an undeployed web application).
     */
    private static final int POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors();
    private static final Queue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
    private static final Queue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    /**
     * @param session          the session
     * @param absoluteDeadline the absolute deadline
     * @param issuedAt         the issue time
     * @param compressAbove    deflate documents longer than this many bytes, when that makes them shorter
     * @param maxDocument      the most bytes the session document may take before compression
     * @return the bytes to seal
     * @throws SessionException when the document is longer than {@code maxDocument}
     */
    static byte[] encode(SessionData session, long absoluteDeadline, long issuedAt, int compressAbove, int maxDocument) {
        byte[] json = SessionDataCodec.encode(session);
        if (json.length > maxDocument) {
            throw new SessionException("The session takes " + json.length + " bytes of JSON, more than the cookie"
                    + " store's limit of " + maxDocument + " (cookie-store.max-session-bytes): store less in it,"
                    + " or use a server-side store");
        }
        byte[] body = json;
        byte format = FORMAT_ISSUED_JSON;
        if (json.length > compressAbove) {
            byte[] deflated = deflate(json);
            if (deflated.length < json.length) {
                body = deflated;
                format = FORMAT_ISSUED_DEFLATED_JSON;
            }
        }
        return ByteBuffer.allocate(ISSUED_HEADER_BYTES + body.length)
                .put(format)
                .putLong(idleDeadline(session))
                .putLong(absoluteDeadline)
                .putLong(issuedAt)
                .put(body)
                .array();
    }

    /**
     * @param bytes what {@link #encode} returned, authenticated
     * @return the parts
     * @throws SessionException when the bytes are not in a format this version writes
     */
    static Plaintext decode(byte[] bytes) {
        byte format = bytes.length == 0 ? 0 : bytes[0];
        boolean issued = format == FORMAT_ISSUED_JSON || format == FORMAT_ISSUED_DEFLATED_JSON;
        int headerBytes = issued ? ISSUED_HEADER_BYTES : HEADER_BYTES;
        if (bytes.length < headerBytes || (!issued && format != FORMAT_JSON && format != FORMAT_DEFLATED_JSON)) {
            throw new SessionException("Unknown session cookie format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, headerBytes - 1);
        boolean compressed = format == FORMAT_DEFLATED_JSON || format == FORMAT_ISSUED_DEFLATED_JSON;
        long idle = buffer.getLong();
        long absolute = buffer.getLong();
        long issuedAt = issued ? buffer.getLong() : 0;
        return new Plaintext(idle, absolute, issuedAt, compressed, Arrays.copyOfRange(bytes, headerBytes, bytes.length));
    }

    /**
     * @param maxDocument the most bytes the document may take; inflating stops there
     * @return the session document, inflated and parsed
     * @throws SessionException when the body does not inflate, inflates past {@code maxDocument}, or is not
     *                          a session document
     */
    SessionData session(int maxDocument) {
        if (!compressed && body.length > maxDocument) {
            throw new SessionException("Session document over the limit");
        }
        return SessionDataCodec.decode(compressed ? inflate(body, maxDocument) : body);
    }

    /**
     * @param session a session
     * @return the instant its idle timeout ends, as {@link SessionData#isIdleExpired} reckons it
     */
    static long idleDeadline(SessionData session) {
        return session.maxInactiveSeconds() > 0
                ? session.lastAccessedTime() + session.maxInactiveSeconds() * 1000L
                : Long.MAX_VALUE;
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = acquire(DEFLATERS, () -> new Deflater(Deflater.BEST_SPEED, true));
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 16);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
            release(DEFLATERS, deflater, Deflater::end);
        }
    }

    private static byte[] inflate(byte[] input, int maxDocument) {
        Inflater inflater = acquire(INFLATERS, () -> new Inflater(true));
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(input.length * 4, maxDocument + 1));
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new SessionException("Truncated compressed session");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxDocument) {
                    // A small cookie may inflate enormously; no more is ever inflated than a session may hold.
                    throw new SessionException("Compressed session inflates past the limit");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new SessionException("Trailing bytes after the compressed session");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new SessionException("Corrupt compressed session", e);
        } finally {
            inflater.reset();
            release(INFLATERS, inflater, Inflater::end);
        }
    }

    private static <T> T acquire(Queue<T> pool, Supplier<T> create) {
        T coder = pool.poll();
        if (coder == null) {
            return create.get();
        }
        POOLED.decrementAndGet();
        return coder;
    }

    private static <T> void release(Queue<T> pool, T coder, Consumer<T> end) {
        if (POOLED.incrementAndGet() <= POOL_SIZE) {
            pool.offer(coder);
        } else {
            POOLED.decrementAndGet();
            end.accept(coder);
        }
    }
}
