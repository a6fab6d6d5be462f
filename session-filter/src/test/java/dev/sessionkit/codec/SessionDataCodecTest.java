package dev.sessionkit.codec;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionDataCodecTest {

    private final AttributeCodec attributes = AttributeCodec.allowing(List.of());

    @Test
    void sessionRoundTripsWithAttributeBytesUntouched() {
        Map<String, byte[]> attrs = new LinkedHashMap<>();
        attrs.put("count", attributes.encode("count", 3));
        attrs.put("name", attributes.encode("name", "alice \"quoted\" é"));
        SessionData data = new SessionData("id-1", 1000, 2000, 1800, "alice", attrs);
        SessionData back = SessionDataCodec.decode(SessionDataCodec.encode(data));
        assertEquals("id-1", back.id());
        assertEquals(1000, back.creationTime());
        assertEquals(2000, back.lastAccessedTime());
        assertEquals(1800, back.maxInactiveSeconds());
        assertEquals("alice", back.principal());
        assertEquals(3, attributes.decode(back.attributes().get("count")));
        assertEquals("alice \"quoted\" é", attributes.decode(back.attributes().get("name")));
        assertArrayEquals(attrs.get("count"), back.attributes().get("count"));
    }

    @Test
    void namesAndPrincipalNeedingEscapesRoundTrip() {
        Map<String, byte[]> attrs = new LinkedHashMap<>();
        for (String name : List.of("quote\"d", "back\\slash", "new\nline", "tab\t\u0001", "ünïcödé ✓", "")) {
            attrs.put(name, attributes.encode(name, name));
        }
        String principal = "bob \"the\" \\ builder\n✓";
        SessionData data = new SessionData("id-2", 1, 2, 0, principal, attrs);

        SessionData back = SessionDataCodec.decode(SessionDataCodec.encode(data));

        assertEquals(principal, back.principal());
        assertEquals(attrs.keySet(), back.attributes().keySet());
        attrs.forEach((name, value) -> assertArrayEquals(value, back.attributes().get(name), name));
    }

    @Test
    void sessionWithoutPrincipalOrAttributesRoundTrips() {
        SessionData data = new SessionData("id-3", 5, 6, -1, null, Map.of());

        SessionData back = SessionDataCodec.decode(SessionDataCodec.encode(data));

        assertEquals(null, back.principal());
        assertEquals(-1, back.maxInactiveSeconds());
        assertEquals(Map.of(), back.attributes());
    }

    @Test
    void garbageIsRejected() {
        for (String junk : List.of("", "{}", "[]", "{\"v\":2,\"id\":\"x\",\"c\":1,\"a\":1}", "{\"v\":1}", "{\"v\":1,\"id\":\"x\",\"c\":1,\"a\":1} trailing", "\u0000")) {
            assertThrows(SessionException.class, () -> SessionDataCodec.decode(junk.getBytes(StandardCharsets.UTF_8)), junk);
        }
    }

    private static final String HEAD = "{\"v\":1,\"id\":\"x\",\"c\":1,\"a\":1,\"m\":60";

    @Test
    void wellFormedJsonOfAnotherShapeIsRejected() {
        for (String shape : List.of(
                HEAD + ",\"at\":[]}",                       // attributes not an object
                HEAD + ",\"at\":{\"cart\":\"plain\"}}",     // an attribute value that is not the codec's array
                HEAD + ",\"at\":{}}{}",                      // a second document after the session
                HEAD + ",\"at\":{}} 5")) {
            assertThrows(SessionException.class, () -> SessionDataCodec.decode(shape.getBytes(StandardCharsets.UTF_8)), shape);
        }
    }

    @Test
    void aSessionCreatedAndUsedAtTheEpochDecodes() {
        SessionData session = SessionDataCodec.decode("{\"v\":1,\"id\":\"x\",\"c\":0,\"a\":0,\"m\":60,\"at\":{}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(0, session.creationTime());
        assertEquals(0, session.lastAccessedTime());
    }
}
