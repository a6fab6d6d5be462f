package dev.sessionkit.codec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class RecentValuesTest {

    private final AttributeCodec codec = AttributeCodec.allowing(List.of());

    @Test
    void aSmallStringIsDecodedOnceAndShared() {
        byte[] bytes = codec.encode("user", "alice@example.com");
        Object first = codec.decode(bytes);
        assertSame(first, codec.decode(bytes.clone()));
    }

    @Test
    void aMutableValueIsDecodedAfreshForEachCaller() {
        byte[] bytes = codec.encode("prefs", Map.of("theme", "dark"));
        Object first = codec.decode(bytes);
        assertEquals(first, codec.decode(bytes));
        assertNotSame(first, codec.decode(bytes));
    }

    @Test
    void aLargeValueIsNotKept() {
        byte[] bytes = codec.encode("note", "x".repeat(RecentValues.MAX_BYTES));
        assertNotSame(codec.decode(bytes), codec.decode(bytes));
    }

    @Test
    void onlyTheSameBytesHitThoughTheirHashesCollide() {
        RecentValues values = new RecentValues();
        byte[] kept = {0, 31};
        byte[] colliding = {1, 0};
        assertEquals(Arrays.hashCode(kept), Arrays.hashCode(colliding));
        values.offer(kept, "kept");
        assertNull(values.get(colliding));
        kept[1] = 30;
        assertEquals("kept", values.get(new byte[]{0, 31}), "the entry holds its own copy of the bytes");
        assertNull(values.get(kept));
    }
}
