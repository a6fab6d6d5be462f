package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.SessionData;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is sealed in a cookie: the format byte, the deadlines, the issue time and the session document. */
class PlaintextTest {

    private static final long IDLE = 111;
    private static final long ABSOLUTE = 222;
    private static final long ISSUED = 333;

    private final SessionData session = session(Map.of("text", "abc".repeat(200)));
    private final int documentBytes = SessionDataCodec.encode(session).length;

    private static byte[] header(byte format, int headerBytes, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(headerBytes + body.length).put(format).putLong(IDLE).putLong(ABSOLUTE);
        if (headerBytes == Plaintext.ISSUED_HEADER_BYTES) {
            buffer.putLong(ISSUED);
        }
        return buffer.put(body).array();
    }

    @Test
    void aDocumentOfExactlyTheLimitIsSealedAndOpensWhileOneByteMoreIsRefused() {
        byte[] sealed = Plaintext.encode(session, ABSOLUTE, ISSUED, Integer.MAX_VALUE, documentBytes);

        assertEquals(session, Plaintext.decode(sealed).session(documentBytes));
        assertThrows(SessionException.class, () -> Plaintext.decode(sealed).session(documentBytes - 1));
        assertThrows(SessionException.class, () -> Plaintext.encode(session, ABSOLUTE, ISSUED, Integer.MAX_VALUE, documentBytes - 1));
    }

    @Test
    void aCompressedDocumentInflatingToExactlyTheLimitOpensWhileOneByteMoreIsRefused() {
        Plaintext deflated = Plaintext.decode(Plaintext.encode(session, ABSOLUTE, ISSUED, 0, documentBytes));
        assertTrue(deflated.compressed());

        assertEquals(session, deflated.session(documentBytes));
        assertThrows(SessionException.class, () -> deflated.session(documentBytes - 1));
    }

    @Test
    void aDocumentOfExactlyTheCompressionThresholdIsNotCompressedWhileOneByteMoreIs() {
        byte[] atThreshold = Plaintext.encode(session, ABSOLUTE, ISSUED, documentBytes, 64 * 1024);
        byte[] overThreshold = Plaintext.encode(session, ABSOLUTE, ISSUED, documentBytes - 1, 64 * 1024);

        assertEquals(Plaintext.FORMAT_ISSUED_JSON, atThreshold[0]);
        assertEquals(Plaintext.FORMAT_ISSUED_DEFLATED_JSON, overThreshold[0]);
    }

    @Test
    void cookiesOfTheFormatsWithoutAnIssueTimeStillOpenAsIssuedAtZero() {
        byte[] body = SessionDataCodec.encode(session);

        Plaintext plain = Plaintext.decode(header(Plaintext.FORMAT_JSON, Plaintext.HEADER_BYTES, body));
        assertEquals(IDLE, plain.idleDeadline());
        assertEquals(ABSOLUTE, plain.absoluteDeadline());
        assertEquals(0, plain.issuedAt());
        assertFalse(plain.compressed());
        assertArrayEquals(body, plain.body());

        Plaintext deflated = Plaintext.decode(header(Plaintext.FORMAT_DEFLATED_JSON, Plaintext.HEADER_BYTES, body));
        assertEquals(0, deflated.issuedAt());
        assertTrue(deflated.compressed());
        assertArrayEquals(body, deflated.body());
    }

    @Test
    void aHeaderWithoutBodyIsReadAndOneByteShorterIsRefused() {
        Plaintext empty = Plaintext.decode(header(Plaintext.FORMAT_ISSUED_JSON, Plaintext.ISSUED_HEADER_BYTES, new byte[0]));
        assertEquals(ISSUED, empty.issuedAt());
        assertEquals(0, empty.body().length);

        byte[] legacy = header(Plaintext.FORMAT_JSON, Plaintext.HEADER_BYTES, new byte[0]);
        assertEquals(ABSOLUTE, Plaintext.decode(legacy).absoluteDeadline());

        byte[] issuedShort = header(Plaintext.FORMAT_ISSUED_JSON, Plaintext.ISSUED_HEADER_BYTES, new byte[0]);
        assertThrows(SessionException.class, () -> Plaintext.decode(Arrays.copyOf(issuedShort, Plaintext.ISSUED_HEADER_BYTES - 1)));
        assertThrows(SessionException.class, () -> Plaintext.decode(Arrays.copyOf(legacy, Plaintext.HEADER_BYTES - 1)));
    }

    @Test
    void unknownFormatsAreRefused() {
        for (byte format : new byte[] {0, 5, -1}) {
            byte[] bytes = header(format, Plaintext.ISSUED_HEADER_BYTES, SessionDataCodec.encode(session));
            assertThrows(SessionException.class, () -> Plaintext.decode(bytes), "format " + format);
        }
    }
}
