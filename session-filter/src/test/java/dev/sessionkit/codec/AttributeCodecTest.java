package dev.sessionkit.codec;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeCodecTest {

    public record Cart(String owner, List<String> items, Instant updated) {
    }

    public enum Role { USER, ADMIN }

    public static class NotAllowed {
        public String value = "x";
    }

    public static class Broken {
        public String getValue() {
            throw new IllegalStateException("cannot read");
        }
    }

    private final AttributeCodec codec = AttributeCodec.allowing(List.of(Cart.class.getName(), Role.class.getName()));

    private Object roundTrip(Object value) {
        return codec.decode(codec.encode("a", value));
    }

    @Test
    void jdkScalarsKeepTheirExactType() {
        for (Object value : List.of("text", true, 42, 42L, 4.2d, 4.2f, (short) 7, (byte) 3, 'c',
                new BigDecimal("1.10"), new java.math.BigInteger("123456789012345678901234567890"), UUID.randomUUID())) {
            Object back = roundTrip(value);
            assertEquals(value, back);
            assertEquals(value.getClass(), back.getClass());
        }
        assertArrayEquals(new byte[]{1, 2, 3}, (byte[]) roundTrip(new byte[]{1, 2, 3}));
    }

    @Test
    void javaTimeValuesAreAllowedByDefault() {
        assertEquals(LocalDate.of(2026, 11, 23), roundTrip(LocalDate.of(2026, 11, 23)));
        Instant now = Instant.parse("2026-11-23T10:15:30.123Z");
        assertEquals(now, roundTrip(now));
    }

    @Test
    void allowListedRecordsAndEnumsRoundTrip() {
        Cart cart = new Cart("alice", List.of("book", "pen"), Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(cart, roundTrip(cart));
        assertEquals(Role.ADMIN, roundTrip(Role.ADMIN));
    }

    @Test
    void packageWildcardAllowsTheWholePackage() {
        AttributeCodec byPackage = AttributeCodec.allowing(List.of("dev.sessionkit.codec.*"));
        Cart cart = new Cart("bob", List.of(), Instant.EPOCH);
        assertEquals(cart, byPackage.decode(byPackage.encode("cart", cart)));
    }

    @Test
    void collectionsOfJsonValuesRoundTrip() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "alice");
        map.put("tags", List.of("a", "b"));
        map.put("nested", Map.of("n", 1));
        assertEquals(map, roundTrip(map));
        assertEquals(new ArrayList<>(List.of("x", "y")), roundTrip(List.of("x", "y")));
        assertEquals(Set.of("x"), roundTrip(Set.of("x")));
    }

    @Test
    void encodingAClassOffTheAllowListFailsNamingTheAttribute() {
        SessionException e = assertThrows(SessionException.class, () -> codec.encode("profile", new NotAllowed()));
        assertTrue(e.getMessage().contains("'profile'"), e.getMessage());
        assertTrue(e.getMessage().contains("allow"), e.getMessage());
    }

    @Test
    void collectionOfApplicationObjectsIsRefusedAtEncode() {
        SessionException e = assertThrows(SessionException.class, () -> codec.encode("carts", List.of(new Cart("a", List.of(), Instant.EPOCH))));
        assertTrue(e.getMessage().contains("'carts'"), e.getMessage());
    }

    @Test
    void unserialisableValueFailsNamingTheAttribute() {
        SessionException e = assertThrows(SessionException.class,
                () -> AttributeCodec.allowing(List.of(Broken.class.getName())).encode("worker", new Broken()));
        assertTrue(e.getMessage().contains("'worker'"), e.getMessage());
    }

    @Test
    void decodingAGadgetClassIsRefusedBeforeItIsLoaded() {
        for (String gadget : List.of(
                "[\"com.sun.rowset.JdbcRowSetImpl\",{\"dataSourceName\":\"ldap://127.0.0.1/x\",\"autoCommit\":true}]",
                "[\"java.lang.ProcessBuilder\",{}]",
                "[\"" + NotAllowed.class.getName() + "\",{\"value\":\"x\"}]")) {
            assertThrows(SessionException.class, () -> codec.decode(gadget.getBytes(StandardCharsets.UTF_8)), gadget);
        }
    }

    @Test
    void typeHintsInsideValuesAreNeverFollowed() {
        byte[] nested = "[\"M\",{\"x\":[\"com.sun.rowset.JdbcRowSetImpl\",{}]}]".getBytes(StandardCharsets.UTF_8);
        Object value = codec.decode(nested);
        assertTrue(value instanceof Map<?, ?>, "nested arrays decode as plain JSON data");
    }

    @Test
    void malformedBytesFailWithSessionException() {
        for (String junk : List.of("", "{}", "[]", "[1,2]", "[\"s\"", "[\"s\",\"a\",\"b\"]", "not json", "[\"i\",\"x\"]")) {
            assertThrows(SessionException.class, () -> codec.decode(junk.getBytes(StandardCharsets.UTF_8)), junk);
        }
    }
}
