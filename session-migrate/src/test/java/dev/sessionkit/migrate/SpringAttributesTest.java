package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.AttributeCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java deserialisation of Spring Session attributes: off by default, and only through the allow-list. */
class SpringAttributesTest {

    private static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());

    /** Stands for any class an attacker would like deserialised. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        final String command = "touch /tmp/pwned";
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static SpringAttributes on(SpringAttributes.Unmappable unmappable) {
        return new SpringAttributes(true, List.of(), unmappable);
    }

    @Test
    void javaDeserialisationIsOffUnlessConfiguredAndEveryAttributeIsThenDropped() throws IOException {
        SpringAttributes off = new SpringAttributes(false, List.of(), SpringAttributes.Unmappable.DROP);
        assertNull(off.map("cart", serialized("book")));
    }

    @Test
    void jdkValuesBecomeTheCodecsJson() throws IOException {
        SpringAttributes attributes = on(SpringAttributes.Unmappable.DROP);
        Map<String, Object> map = new HashMap<>(Map.of("n", 3, "items", new ArrayList<>(List.of("a", "b"))));

        assertEquals("book", CODEC.decode(attributes.map("cart", serialized("book"))));
        assertEquals(42L, ((Number) CODEC.decode(attributes.map("count", serialized(42L)))).longValue());
        assertEquals(map, CODEC.decode(attributes.map("map", serialized(map))));
        assertEquals(0, attributes.rejected());
    }

    @Test
    void aClassOffTheAllowListIsRefusedCountedAndDropped() throws IOException {
        SpringAttributes attributes = on(SpringAttributes.Unmappable.DROP);

        assertNull(attributes.map("gadget", serialized(new Gadget())));
        assertNull(attributes.map("nested", serialized(new HashMap<>(Map.of("inside", new Gadget())))));

        assertEquals(2, attributes.rejected());
    }

    @Test
    void aRefusedClassIsNeverLookedUp() throws IOException {
        // The stream names a class that does not exist: looking it up would fail as "class not found", not as
        // a refusal, so a refusal shows the name was turned away before any class loader saw it.
        String real = Gadget.class.getName();
        String absent = real.substring(0, real.length() - 1) + "X";
        byte[] stream = replace(serialized(new Gadget()), real, absent);
        SpringAttributes attributes = on(SpringAttributes.Unmappable.DROP);

        assertNull(attributes.map("gadget", stream));
        assertEquals(1, attributes.rejected());
    }

    @Test
    void failModeFailsTheMigrationOfTheSessionNamingTheAttribute() throws IOException {
        SpringAttributes attributes = on(SpringAttributes.Unmappable.FAIL);
        byte[] gadget = serialized(new Gadget());

        SessionException e = assertThrows(SessionException.class, () -> attributes.map("gadget", gadget));
        assertTrue(e.getMessage().contains("'gadget'") && e.getMessage().contains("spring.allowed-classes"), e.getMessage());
    }

    @Test
    void garbageIsUnmappableNotAnError() {
        assertNull(on(SpringAttributes.Unmappable.DROP).map("x", "not a stream".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] replace(byte[] stream, String from, String to) {
        String text = new String(stream, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from));
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
