package dev.sessionkit.store.cookie;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing but an intact cookie of this store opens, and no input makes {@code load} throw. */
class CookieStoreTamperingTest {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    private final CookieSessionStore store = CookieSessionStore.builder().keyset(keyset).maxChunks(2).build();
    private final String token = store.save(session(Map.of("user", "alice", "roles", "admin".repeat(150))),
            SessionChanges.TOUCH);
    private final byte[] sealed = Base64.getUrlDecoder().decode(token);

    @Test
    void sampleTokenOpens() {
        assertNotNull(store.load(token, NOW, 0).live());
    }

    @Test
    void everyByteFlippedIsRefused() {
        for (int i = 0; i < sealed.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) mask;
                assertNull(store.load(BASE64.encodeToString(tampered), NOW, 0).live(), "byte " + i + " ^ " + mask);
            }
        }
        assertEquals(3L * sealed.length, refused());
    }

    @Test
    void everyCharacterReplacedIsRefused() {
        for (int i = 0; i < token.length(); i++) {
            char replacement = ALPHABET.charAt((ALPHABET.indexOf(token.charAt(i)) + 1) % ALPHABET.length());
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertNull(store.load(tampered, NOW, 0).live(), "character " + i);
        }
    }

    @Test
    void everyTruncationIsRefused() {
        for (int length = 0; length < token.length(); length++) {
            assertNull(store.load(token.substring(0, length), NOW, 0).live(), "first " + length + " characters");
        }
        for (int length = 0; length < sealed.length; length++) {
            assertNull(store.load(BASE64.encodeToString(Arrays.copyOf(sealed, length)), NOW, 0).live(), "first " + length + " bytes");
        }
    }

    @Test
    void appendedBytesAreRefused() {
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertNull(store.load(BASE64.encodeToString(longer), NOW, 0).live());
        assertNull(store.load(token + "A", NOW, 0).live());
    }

    @Test
    void otherSpellingsOfTheSameBytesAreRefused() {
        String padded = Base64.getUrlEncoder().encodeToString(sealed);
        String standardAlphabet = Base64.getEncoder().withoutPadding().encodeToString(sealed);
        String paddedToo = token + "==";
        long spellings = Stream.of(padded, standardAlphabet, paddedToo).filter(s -> !s.equals(token))
                .peek(other -> assertNull(store.load(other, NOW, 0).live(), other)).count();

        assertEquals(spellings, store.rejected().get(Rejection.MALFORMED));
    }

    @Test
    void spellingsDifferingOnlyInTheLastCharactersUnusedBitsAreRefused() {
        // Sessions of 1 to 3 more characters give sealed lengths of every remainder mod 3, so the last
        // base64 character carries 2 and 4 bits the decoder drops.
        int tested = 0;
        for (int extra = 0; extra < 3; extra++) {
            String canonical = store.save(session(Map.of("user", "alice" + "x".repeat(extra))), SessionChanges.TOUCH);
            int unused = canonical.length() % 4 == 2 ? 0x0f : canonical.length() % 4 == 3 ? 0x03 : 0;
            if (unused == 0) {
                continue;
            }
            int last = ALPHABET.indexOf(canonical.charAt(canonical.length() - 1));
            String sameBytes = canonical.substring(0, canonical.length() - 1) + ALPHABET.charAt(last | unused);
            assertArrayEquals(Base64.getUrlDecoder().decode(canonical), Base64.getUrlDecoder().decode(sameBytes));
            assertNotNull(store.load(canonical, NOW, 0).live());
            assertNull(store.load(sameBytes, NOW, 0).live(), sameBytes);
            tested++;
        }
        assertEquals(2, tested);
        assertEquals(2, store.rejected().get(Rejection.MALFORMED));
    }

    @Test
    void nullEmptyAndWhitespaceAreRefused() {
        for (String garbage : new String[] {null, "", " ", token + " ", "\u0000", "é"}) {
            assertNull(store.load(garbage, NOW, 0).live());
        }
        assertEquals(6, refused());
    }

    @Test
    void authenticPayloadsThisVersionCannotReadAreRefused() throws Exception {
        Aead aead = Keysets.aead(keyset, "test");
        byte[] ad = "sessionkit-session:SESSION".getBytes(StandardCharsets.UTF_8);
        byte[] header = ByteBuffer.allocate(Plaintext.HEADER_BYTES).put(Plaintext.FORMAT_DEFLATED_JSON)
                .putLong(Long.MAX_VALUE).putLong(Long.MAX_VALUE).array();
        byte[][] payloads = {
                new byte[0],
                {9},
                header,
                concat(header, new byte[] {1, 2, 3}),
                concat(new byte[] {Plaintext.FORMAT_JSON}, Arrays.copyOfRange(header, 1, header.length), "{\"v\":2}".getBytes(StandardCharsets.UTF_8)),
                concat(new byte[] {Plaintext.FORMAT_JSON}, Arrays.copyOfRange(header, 1, header.length), "[]".getBytes(StandardCharsets.UTF_8)),
        };
        for (byte[] payload : payloads) {
            assertNull(store.load(BASE64.encodeToString(aead.encrypt(payload, ad)), NOW, 0).live());
        }
        assertEquals(payloads.length, store.rejected().get(Rejection.UNREADABLE));
    }

    /**
     * A seeded property test: 100,000 inputs, random and mutated from real tokens, none of which may make
     * {@code load} throw, and none but intact tokens may open.
     */
    @Test
    void noInputMakesLoadThrow() throws Exception {
        Random random = new Random(20_250_611L);
        Aead aead = Keysets.aead(keyset, "test");
        byte[] ad = "sessionkit-session:SESSION".getBytes(StandardCharsets.UTF_8);
        String[] tokens = new String[8];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = store.save(session(Map.of("n", Fixtures.incompressible(random, random.nextInt(3000)))),
                    SessionChanges.TOUCH);
        }
        int opened = 0;
        for (int i = 0; i < 100_000; i++) {
            String base = tokens[random.nextInt(tokens.length)];
            String input = switch (i % 6) {
                case 0 -> randomText(random, random.nextInt(200));
                case 1 -> BASE64.encodeToString(randomBytes(random, random.nextInt(400)));
                case 2 -> mutate(random, base);
                case 3 -> BASE64.encodeToString(mutate(random, Base64.getUrlDecoder().decode(base)));
                case 4 -> BASE64.encodeToString(concat(Arrays.copyOf(Base64.getUrlDecoder().decode(base), 5),
                        randomBytes(random, random.nextInt(300))));
                default -> BASE64.encodeToString(aead.encrypt(randomPlaintext(random), ad));
            };
            SessionData loaded = store.load(input, NOW, 0).live();
            if (loaded != null) {
                assertTrue(Arrays.asList(tokens).contains(input), "only intact tokens open");
                opened++;
            }
        }
        assertTrue(opened < 100, opened + " mutations left the token intact");
    }

    private long refused() {
        return store.rejected().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(64)));
        }
        return text.toString();
    }

    private static String mutate(Random random, String token) {
        StringBuilder text = new StringBuilder(token);
        for (int n = 1 + random.nextInt(3); n > 0 && text.length() > 0; n--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(64)));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, ALPHABET.charAt(random.nextInt(64)));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static byte[] mutate(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        switch (random.nextInt(3)) {
            case 0 -> copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            default -> copy = concat(copy, randomBytes(random, 1 + random.nextInt(16)));
        }
        return copy;
    }

    /** What a key holder could seal: a valid or broken header, then random, deflate-like or JSON-like bytes. */
    private static byte[] randomPlaintext(Random random) {
        byte format = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 1 + random.nextInt(2));
        byte[] header = ByteBuffer.allocate(Plaintext.HEADER_BYTES).put(format)
                .putLong(random.nextBoolean() ? Long.MAX_VALUE : random.nextLong()).putLong(Long.MAX_VALUE).array();
        byte[] body = switch (random.nextInt(3)) {
            case 0 -> randomBytes(random, random.nextInt(100));
            case 1 -> ("{\"v\":1,\"id\":\"" + randomText(random, 10) + "\",\"c\":" + random.nextInt() + ",\"a\":1,\"at\":{\"x\":"
                    + randomText(random, random.nextInt(20)) + "}}").getBytes(StandardCharsets.UTF_8);
            default -> Arrays.copyOf(header, random.nextInt(header.length));
        };
        return concat(Arrays.copyOf(header, random.nextInt(header.length + 1)), body);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            joined.put(part);
        }
        return joined.array();
    }
}
