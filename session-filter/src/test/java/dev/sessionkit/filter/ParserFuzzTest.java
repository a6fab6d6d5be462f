package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.SessionException;
import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

/**
 * Seeded random and mutated input for everything that parses a cookie or stored bytes: at least
 * 100,000 cases each, and only the documented outcomes (null, or SessionException from a decoder)
 * may come out. A fixed seed makes a failure reproducible; the timeout catches a hang.
 */
class ParserFuzzTest {

    private static final int CASES = 100_000;
    private static final long SEED = 0x5e55_10c1_7L;
    private static final String SYNTAX = "[]{}\",:\\0-.";

    private final Random random = new Random(SEED);

    private byte[] mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                bytes = longer;
            }
            case 3 -> bytes[random.nextInt(bytes.length)] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
            default -> {
                bytes = new byte[random.nextInt(96)];
                random.nextBytes(bytes);
            }
        }
        return bytes;
    }

    private void fuzz(List<byte[]> seeds, Consumer<byte[]> target) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())));
                try {
                    target.accept(input);
                } catch (RuntimeException e) {
                    throw new AssertionError("input " + java.util.Arrays.toString(input) + " escaped with " + e, e);
                }
            }
        });
    }

    @Test
    void signedCookieVerificationReturnsTheIdOrNull() {
        CookieSigner signer = CookieSigner.fromSecrets(List.of("fuzz-secret-0123456789abcdefghijklmnop"), "SESSION");
        String id = SessionIds.newId();
        List<byte[]> seeds = List.of(signer.sign(id).getBytes(StandardCharsets.US_ASCII));
        int[] accepted = {0};
        fuzz(seeds, input -> {
            String verified = signer.verify(new String(input, StandardCharsets.ISO_8859_1));
            if (verified != null) {
                assertEquals(id, verified, "only the genuine value verifies");
                accepted[0]++;
            }
        });
        assertTrue(accepted[0] < CASES / 100, "mutations almost never survive: " + accepted[0]);
    }

    @Test
    void cookieReadingNeverThrows() {
        SessionConfig config = SessionConfig.builder().secret("fuzz-secret-0123456789abcdefghijklmnop").build();
        SessionCookies server = new SessionCookies(config, CookieSigner.fromSecrets(config.secrets(), "SESSION"));
        SessionCookies client = new SessionCookies(config, null);
        HttpServletRequest request = mock(HttpServletRequest.class, withSettings().stubOnly());
        Cookie[][] current = {null};
        when(request.getCookies()).thenAnswer(invocation -> current[0]);
        List<byte[]> seeds = List.of("SESSION".getBytes(StandardCharsets.US_ASCII), "SESSION.1".getBytes(StandardCharsets.US_ASCII),
                "SESSION.31".getBytes(StandardCharsets.US_ASCII), "SESSION.99999999999".getBytes(StandardCharsets.US_ASCII));
        fuzz(seeds, name -> {
            String cookieName = new String(name, StandardCharsets.ISO_8859_1);
            Cookie[] cookies;
            try {
                cookies = new Cookie[]{new Cookie(cookieName, "v"), new Cookie("SESSION", "w")};
            } catch (IllegalArgumentException invalidName) {
                return; // the container would never build such a cookie
            }
            current[0] = cookies;
            server.addTokens(request, new java.util.ArrayList<>());
            client.addTokens(request, new java.util.ArrayList<>());
        });
    }

    @Test
    void attributeDecodingReturnsAValueOrThrowsSessionException() {
        AttributeCodec codec = AttributeCodec.allowing(List.of());
        List<byte[]> seeds = List.of(codec.encode("a", "text"), codec.encode("a", 42L), codec.encode("a", List.of("x", 1)),
                codec.encode("a", Map.of("k", Map.of("n", true))), codec.encode("a", new byte[]{1, 2}),
                "[\"java.lang.Runtime\",{}]".getBytes(StandardCharsets.UTF_8));
        fuzz(seeds, input -> {
            try {
                codec.decode(input);
            } catch (SessionException expected) {
                // the documented refusal
            }
        });
    }

    @Test
    void sessionDocumentDecodingReturnsDataOrThrowsSessionException() {
        AttributeCodec codec = AttributeCodec.allowing(List.of());
        byte[] valid = SessionDataCodec.encode(new SessionData(SessionIds.newId(), 1, 2, 1800, "alice",
                Map.of("a", codec.encode("a", "x"), "b", codec.encode("b", List.of(1, 2)))));
        fuzz(List.of(valid), input -> {
            try {
                SessionDataCodec.decode(input);
            } catch (SessionException expected) {
                // the documented refusal
            }
        });
    }
}
