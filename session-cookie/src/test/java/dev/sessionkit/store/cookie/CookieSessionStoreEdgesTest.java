package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.ForwardingRevocationList;
import dev.sessionkit.store.InMemoryRevocationList;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import dev.sessionkit.testapp.CapturedLog;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;

import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static dev.sessionkit.store.cookie.Fixtures.incompressible;
import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cookie store at its edges: the spelling of a cookie value, size limits, and what it does with its revocation list. */
class CookieSessionStoreEdgesTest {

    private static final long MINUTE = 60_000;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String OPENED = "OPENED";

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    private final CookieSessionStore store = CookieSessionStore.builder().keyset(keyset).build();

    /** @return the rejection that {@code load} counted for the token, or {@link #OPENED} when it opened */
    private static String outcome(CookieSessionStore store, String token) {
        Map<Rejection, Long> before = store.rejected();
        LoadResult result = store.load(token, NOW, MINUTE);
        Map<Rejection, Long> after = store.rejected();
        List<Rejection> counted = Arrays.stream(Rejection.values()).filter(r -> after.get(r) > before.get(r)).toList();
        if (counted.isEmpty()) {
            assertNotNull(result.live(), "neither opened nor refused: " + token);
            return OPENED;
        }
        assertEquals(1, counted.size(), counted.toString());
        assertNull(result.live());
        return counted.get(0).name();
    }

    /** @return a token whose length leaves {@code tail} characters after the last group of four */
    private String tokenWithTail(int tail) {
        for (int length = 1; length < 10; length++) {
            String token = store.save(session(Map.of("a", "x".repeat(length))), SessionChanges.TOUCH);
            if (token.length() % 4 == tail) {
                return token;
            }
        }
        throw new AssertionError("no token with " + tail + " characters in its last group");
    }

    @Test
    void theLastCharacterMustLeaveItsUnusedBitsClearSoEachSealedValueHasOneSpelling() {
        for (int tail : new int[] {2, 3}) {
            String token = tokenWithTail(tail);
            int unusedBits = tail == 2 ? 0x0f : 0x03;
            Map<Character, String> expected = new LinkedHashMap<>();
            Map<Character, String> actual = new LinkedHashMap<>();
            for (int value = 0; value < 64; value++) {
                char c = ALPHABET.charAt(value);
                String respelled = token.substring(0, token.length() - 1) + c;
                expected.put(c, respelled.equals(token) ? OPENED
                        : (value & unusedBits) != 0 ? Rejection.MALFORMED.name() : Rejection.FORGED.name());
                actual.put(c, outcome(store, respelled));
            }
            assertEquals(expected, actual, "last group of " + tail + " characters");
        }
    }

    @Test
    void charactersNextToTheBase64UrlRangesAreRefusedAsMalformedWherever() {
        String token = tokenWithTail(3);
        for (char c : "/:@[`{+=.".toCharArray()) {
            assertEquals(Rejection.MALFORMED.name(), outcome(store, token.substring(0, token.length() - 1) + c), "last: " + c);
            assertEquals(Rejection.MALFORMED.name(), outcome(store, c + token.substring(1)), "first: " + c);
            assertEquals(Rejection.MALFORMED.name(), outcome(store, token.substring(0, 8) + c + token.substring(9)), "inside: " + c);
        }
    }

    @Test
    void fiveBytesHoldTheKeyIdSoTheyAreForgedWhileFourAreMalformed() {
        byte[] prefix = ByteBuffer.allocate(5).put((byte) 1).putInt(keyset.getPrimary().getId()).array();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

        assertEquals(Rejection.FORGED.name(), outcome(store, base64.encodeToString(prefix)));
        assertEquals(Rejection.MALFORMED.name(), outcome(store, base64.encodeToString(Arrays.copyOf(prefix, 4))));
    }

    @Test
    void aSessionSealedToExactlyTheCookieLimitIsSavedAndOpensWhileOneByteMoreIsRefused() {
        CookieSessionStore uncompressed = CookieSessionStore.builder().keyset(keyset).compressAbove(Integer.MAX_VALUE).build();
        String atLimit = null;
        int length = 2500;
        while (atLimit == null) {
            String token = uncompressed.save(session(Map.of("text", "x".repeat(length))), SessionChanges.TOUCH);
            if (token.length() == CookieSessionStore.COOKIE_CHUNK_BYTES) {
                atLimit = token;
            }
            assertTrue(token.length() <= CookieSessionStore.COOKIE_CHUNK_BYTES, "passed the limit at " + token.length());
            length++;
        }
        int over = length;

        assertEquals(OPENED, outcome(uncompressed, atLimit));
        SessionException e = assertThrows(SessionException.class,
                () -> uncompressed.save(session(Map.of("text", "x".repeat(over))), SessionChanges.TOUCH));
        assertTrue(e.getMessage().contains("sealed it takes 4002 bytes"), e.getMessage());
        assertEquals(Rejection.MALFORMED.name(), outcome(uncompressed, atLimit + "AA"));
    }

    @Test
    void aTooLargeSessionNamesItsThreeLargestAttributesLargestFirst() {
        Random random = new Random(7);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("small", incompressible(random, 100));
        attributes.put("medium", incompressible(random, 900));
        attributes.put("large", incompressible(random, 1500));
        attributes.put("huge", incompressible(random, 3000));

        SessionException e = assertThrows(SessionException.class, () -> store.save(session(attributes), SessionChanges.TOUCH));

        assertTrue(e.getMessage().matches(
                "(?s).* Largest attributes: huge \\(\\d+ bytes\\), large \\(\\d+ bytes\\), medium \\(\\d+ bytes\\)\\. .*"),
                e.getMessage());
    }

    @Test
    void eachRefusalIsLoggedAtDebugWithItsReasonButNeverTheCookie() {
        try (CapturedLog log = CapturedLog.of(CookieSessionStore.class.getName())) {
            store.load("not*a*cookie", NOW, MINUTE);

            assertEquals(List.of("Session cookie refused: MALFORMED"), log.messages(Level.FINE));
            assertEquals(List.of(), log.messages(Level.INFO));
        }
    }

    @Test
    void deleteRevokesTheLineageWithRevocationAndReportsNothingStoredWithout() {
        CookieSessionStore revocable = CookieSessionStore.builder().keyset(keyset)
                .revocation(new InMemoryRevocationList(100)).build();
        revocable.start(new StoreContext(Duration.ofHours(8), id -> { }));
        SessionData session = session(Map.of());
        String token = revocable.save(session, SessionChanges.TOUCH);

        assertFalse(store.delete(session.id(), NOW));
        assertEquals(OPENED, outcome(store, token));
        assertTrue(revocable.delete(session.id(), NOW));
        assertEquals(Rejection.REVOKED.name(), outcome(revocable, token));
    }

    @Test
    void healthIsTheRevocationListsAndUpWithoutOne() {
        StoreHealth down = StoreHealth.down(Duration.ofMillis(3), "revocation list unreachable");
        CookieSessionStore revocable = CookieSessionStore.builder().keyset(keyset)
                .revocation(new ForwardingRevocationList(new InMemoryRevocationList(100)) {
                    @Override
                    public StoreHealth health() {
                        return down;
                    }
                }).build();

        assertSame(down, revocable.health());
        assertTrue(store.health().healthy());
    }

    @Test
    void closingTheStoreClosesItsRevocationList() {
        List<String> closed = new ArrayList<>();
        CookieSessionStore revocable = CookieSessionStore.builder().keyset(keyset)
                .revocation(new ForwardingRevocationList(new InMemoryRevocationList(100)) {
                    @Override
                    public void close() {
                        closed.add("closed");
                    }
                }).build();

        revocable.close();

        assertEquals(List.of("closed"), closed);
    }

    @Test
    void limitsAtTheEdgesOfTheirRangesAreTaken() {
        CookieSessionStoreBuilder builder = CookieSessionStore.builder();

        assertSame(builder, builder.maxChunks(1));
        assertSame(builder, builder.maxChunks(CookieSessionStore.MAX_CHUNKS_LIMIT));
        assertSame(builder, builder.maxSessionBytes(1024));
        assertSame(builder, builder.compressAbove(0));
        assertSame(builder, builder.revocationCache(Duration.ofMinutes(1)));
        CookieSessionStore built = builder.revocation(new InMemoryRevocationList(100)).keyset(keyset).build();
        assertTrue(built.toString().endsWith("(lookups cached 60000 ms)]"), built.toString());
    }

    @Test
    void anUnsuitableKeysetIsNamedByWhereItCameFrom() throws Exception {
        KeysetHandle aes128 = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM, Keysets.TINK);

        SessionException e = assertThrows(SessionException.class,
                () -> CookieSessionStore.builder().keyset(aes128, "environment variable SESSION_KEYS").build());

        assertTrue(e.getMessage().startsWith("environment variable SESSION_KEYS: key "), e.getMessage());
    }
}
