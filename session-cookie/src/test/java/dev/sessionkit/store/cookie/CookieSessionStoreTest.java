package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.cookie.CookieSessionStore.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.sessionkit.store.cookie.Fixtures.IDLE_SECONDS;
import static dev.sessionkit.store.cookie.Fixtures.NOW;
import static dev.sessionkit.store.cookie.Fixtures.attribute;
import static dev.sessionkit.store.cookie.Fixtures.incompressible;
import static dev.sessionkit.store.cookie.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookieSessionStoreTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final KeysetHandle keyset = CookieKeys.generate(CookieAead.AES256_GCM);
    private final CookieSessionStore store = CookieSessionStore.builder().keyset(keyset).build();

    @Test
    void aSessionLargerThanTheDocumentLimitIsRefusedAtSaveNamingTheLimit() {
        SessionData huge = session(Map.of("text", "a".repeat(100_000)));

        SessionException refused = assertThrows(SessionException.class, () -> store.save(huge, SessionChanges.TOUCH));

        assertTrue(refused.getMessage().contains("cookie-store.max-session-bytes"), refused.getMessage());
    }

    @Test
    void aCookieThatInflatesPastTheLimitIsRefusedWithoutInflatingIt() {
        CookieSessionStore lenient = CookieSessionStore.builder().keyset(keyset).maxChunks(4)
                .maxSessionBytes(2_000_000).build();
        CookieSessionStore strict = CookieSessionStore.builder().keyset(keyset).maxChunks(4).build();
        String bomb = lenient.save(session(Map.of("text", "a".repeat(1_000_000))), SessionChanges.TOUCH);
        assertTrue(bomb.length() < 16_000, "a million characters seal small: " + bomb.length());

        assertNull(strict.load(bomb, NOW, MINUTE).live());
        assertEquals(1, strict.rejected().get(Rejection.UNREADABLE));
        assertNotNull(lenient.load(bomb, NOW, MINUTE).live(), "the same cookie opens under a higher limit");
    }

    @Test
    void roundTripKeepsEveryField() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("cart", List.of("book", "pen"));
        attributes.put("count", 3);
        SessionData saved = new SessionData(session(Map.of()).id(), NOW - HOUR, NOW, 900, "alice",
                session(attributes).attributes());

        SessionData loaded = store.load(store.save(saved, SessionChanges.TOUCH), NOW, MINUTE).live();

        assertNotNull(loaded);
        assertEquals(saved.id(), loaded.id());
        assertEquals(NOW - HOUR, loaded.creationTime());
        assertEquals(NOW, loaded.lastAccessedTime());
        assertEquals(900, loaded.maxInactiveSeconds());
        assertEquals("alice", loaded.principal());
        assertEquals(List.of("cart", "count"), new ArrayList<>(loaded.attributes().keySet()));
        assertEquals(List.of("book", "pen"), attribute(loaded, "cart"));
        assertEquals(3, attribute(loaded, "count"));
    }

    @Test
    void tokenIsUnpaddedBase64UrlSoItNeedsNoQuotingInACookie() {
        String token = store.save(session(Map.of("a", "b")), SessionChanges.TOUCH);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @Test
    void everySaveSealsWithAFreshNonce() {
        SessionData session = session(Map.of("a", "b"));
        assertNotEquals(store.save(session, SessionChanges.TOUCH), store.save(session, SessionChanges.TOUCH));
    }

    @Test
    void sessionSealedForOneCookieNameDoesNotOpenUnderAnother() {
        CookieSessionStore other = CookieSessionStore.builder().keyset(keyset).cookieName("OTHER").build();
        String token = store.save(session(Map.of("a", "b")), SessionChanges.TOUCH);

        assertNull(other.load(token, NOW, MINUTE).live());
        assertEquals(1, other.rejected().get(Rejection.FORGED));
        assertNotNull(store.load(token, NOW, MINUTE).live());
    }

    @Test
    void sessionOpensUntilItsIdleDeadlineAndNotAfter() {
        String token = store.save(session(Map.of()), SessionChanges.TOUCH);
        long deadline = NOW + IDLE_SECONDS * 1000L;

        assertNotNull(store.load(token, deadline, MINUTE).live());
        assertNull(store.load(token, deadline + 1, MINUTE).live());
        assertEquals(1, store.rejected().get(Rejection.IDLE_TIMEOUT));
    }

    @Test
    void resealingOnAccessMovesTheIdleDeadline() {
        SessionData session = session(Map.of());
        long later = NOW + 20 * MINUTE;
        String touched = store.save(session.accessedAt(later), SessionChanges.TOUCH);

        assertNotNull(store.load(touched, later + 29 * MINUTE, MINUTE).live());
    }

    @Test
    void sessionWithoutIdleTimeoutNeverIdlesOut() {
        SessionData session = session(Map.of());
        SessionData immortal = new SessionData(session.id(), NOW, NOW, 0, null, Map.of());
        assertNotNull(store.load(store.save(immortal, SessionChanges.TOUCH), NOW + 1000 * HOUR, MINUTE).live());
    }

    @Test
    void absoluteDeadlineNeverMovesHoweverOftenTheSessionIsResealed() {
        store.start(new StoreContext(Duration.ofHours(8), id -> { }));
        SessionData session = session(Map.of());
        String token = store.save(session, SessionChanges.TOUCH);
        for (long t = NOW + 20 * MINUTE; t < NOW + 8 * HOUR; t += 20 * MINUTE) {
            token = store.save(store.load(token, t, MINUTE).live().accessedAt(t), SessionChanges.TOUCH);
        }

        assertNotNull(store.load(token, NOW + 8 * HOUR, MINUTE).live());
        assertNull(store.load(token, NOW + 8 * HOUR + 1, MINUTE).live());
        assertEquals(1, store.rejected().get(Rejection.ABSOLUTE_TIMEOUT));
    }

    @Test
    void shorterAbsoluteTimeoutAppliesToCookiesAlreadyIssued() {
        store.start(new StoreContext(Duration.ofHours(8), id -> { }));
        String token = store.save(session(Map.of()), SessionChanges.TOUCH);

        CookieSessionStore restarted = CookieSessionStore.builder().keyset(keyset).build();
        restarted.start(new StoreContext(Duration.ofMinutes(10), id -> { }));

        assertNull(restarted.load(token, NOW + 11 * MINUTE, MINUTE).live());
        assertEquals(1, restarted.rejected().get(Rejection.ABSOLUTE_TIMEOUT));
    }

    @Test
    void expiredSessionLoadsAsExpiredWithItsIdAndIsNotAlsoReportedToTheListener() {
        List<String> expired = new ArrayList<>();
        store.start(new StoreContext(Duration.ZERO, expired::add));
        SessionData session = session(Map.of());

        LoadResult result = store.load(store.save(session, SessionChanges.TOUCH), NOW + IDLE_SECONDS * 1000L + 1, MINUTE);

        assertEquals(LoadResult.Status.EXPIRED, result.status());
        assertEquals(session.id(), result.session().id());
        assertEquals(List.of(), expired, "the filter reports expiries found by load");
    }

    @Test
    void largeSessionIsCompressedAndComesBackWhole() {
        String repetitive = "0123456789".repeat(300);
        String token = store.save(session(Map.of("text", repetitive)), SessionChanges.TOUCH);

        assertTrue(token.length() < 500, "3000 repetitive bytes seal to " + token.length() + " characters");
        assertEquals(repetitive, attribute(store.load(token, NOW, MINUTE).live(), "text"));
    }

    @Test
    void sessionAtOrBelowTheThresholdIsNotCompressed() {
        String repetitive = "x".repeat(300);
        SessionData session = session(Map.of("text", repetitive));
        CookieSessionStore compressAll = CookieSessionStore.builder().keyset(keyset).compressAbove(0).build();

        int uncompressed = store.save(session, SessionChanges.TOUCH).length();
        int compressed = compressAll.save(session, SessionChanges.TOUCH).length();
        assertTrue(uncompressed > 300 && compressed < uncompressed - 200, uncompressed + " vs " + compressed);
    }

    @Test
    void compressionCanBeTurnedOff() {
        CookieSessionStore plain = CookieSessionStore.builder().keyset(keyset).compressAbove(Integer.MAX_VALUE).build();
        String token = plain.save(session(Map.of("text", "x".repeat(2000))), SessionChanges.TOUCH);
        assertTrue(token.length() > 2000);
        assertEquals("x".repeat(2000), attribute(plain.load(token, NOW, MINUTE).live(), "text"));
    }

    @Test
    void sessionOverTheSizeLimitIsRefusedWithTheSizesAndWhatToDo() {
        Random random = new Random(1);
        SessionData big = session(Map.of("cart", incompressible(random, 3500), "note", "small", "history",
                incompressible(random, 900)));

        SessionException e = assertThrows(SessionException.class, () -> store.save(big, SessionChanges.TOUCH));

        String message = e.getMessage();
        assertTrue(message.contains("over the limit of 4000"), message);
        assertTrue(message.matches("(?s).*sealed it takes \\d{4} bytes.*"), message);
        assertTrue(message.contains("cookie-store.max-chunks=1"), message);
        assertTrue(message.indexOf("cart (") < message.indexOf("history ("), "largest attribute first: " + message);
        assertTrue(message.contains("session-store-redis"), message);
    }

    @Test
    void moreChunksAllowLargerSessions() {
        SessionData big = session(Map.of("cart", incompressible(new Random(2), 7000)));
        CookieSessionStore twoCookies = CookieSessionStore.builder().keyset(keyset).maxChunks(2).build();

        String token = twoCookies.save(big, SessionChanges.TOUCH);

        assertTrue(token.length() > 4000 && token.length() <= 8000, "length " + token.length());
        assertNotNull(twoCookies.load(token, NOW, MINUTE).live());
        assertNull(store.load(token, NOW, MINUTE).live(), "a token longer than the limit is refused unread");
        assertEquals(1, store.rejected().get(Rejection.MALFORMED));
    }

    @Test
    void rotationIsResealingUnderTheNewId() {
        SessionData session = session(Map.of("a", "b"));
        String newId = SessionIds.rotated(session.id());

        store.rotate(session.id(), newId, System.currentTimeMillis());
        SessionData loaded = store.load(store.save(session.withId(newId), SessionChanges.TOUCH), NOW, MINUTE).live();

        assertEquals(newId, loaded.id());
        assertEquals("b", attribute(loaded, "a"));
    }

    @Test
    void rotationToAnIdOfAnotherLineageIsRefusedAsByEveryStore() {
        SessionData session = session(Map.of());

        assertThrows(IllegalArgumentException.class, () -> store.rotate(session.id(), SessionIds.newId(), NOW));
        assertThrows(IllegalArgumentException.class, () -> store.rotate(session.id(), session.id(), NOW));
    }

    @Test
    void everyReasonIsCountedFromZero() {
        Map<Rejection, Long> counts = store.rejected();
        assertEquals(Rejection.values().length, counts.size());
        assertTrue(counts.values().stream().allMatch(c -> c == 0));
    }

    @Test
    void xchachaKeysetSealsAndOpens() {
        CookieSessionStore xchacha = CookieSessionStore.builder()
                .keyset(CookieKeys.generate(CookieAead.XCHACHA20_POLY1305)).aead(CookieAead.XCHACHA20_POLY1305).build();
        assertEquals("b", attribute(xchacha.load(xchacha.save(session(Map.of("a", "b")), SessionChanges.TOUCH), NOW, MINUTE).live(), "a"));
    }

    @Test
    void primaryKeyOfAnotherAlgorithmThanConfiguredIsRefusedAtBuild() {
        SessionException e = assertThrows(SessionException.class, () -> CookieSessionStore.builder()
                .keyset(CookieKeys.generate(CookieAead.XCHACHA20_POLY1305)).build());
        assertTrue(e.getMessage().contains("cookie-store.aead=xchacha20-poly1305"), e.getMessage());
    }

    @Test
    void keysOtherThanAes256GcmAndXChaChaWithPrefixAreRefusedAtBuild() throws Exception {
        KeysetHandle aes128 = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM, Keysets.TINK);
        KeysetHandle raw = KeysetHandle.generateNew(AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build(), Keysets.TINK);

        for (KeysetHandle unsuitable : List.of(aes128, raw)) {
            SessionException e = assertThrows(SessionException.class,
                    () -> CookieSessionStore.builder().keyset(unsuitable).build());
            assertTrue(e.getMessage().contains("takes only AES256_GCM and XCHACHA20_POLY1305"), e.getMessage());
        }
    }

    @Test
    void storeWithoutKeysetIsRefusedSayingHowToGetOne() {
        SessionException e = assertThrows(SessionException.class, () -> CookieSessionStore.builder().build());
        assertTrue(e.getMessage().contains("cookie-store.keyset-file") && e.getMessage().contains("sessionkit keys new keys.json"),
                e.getMessage());
    }

    @Test
    void twoKeysetsAreRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), Keysets.toJson(keyset));
        SessionException e = assertThrows(SessionException.class,
                () -> CookieSessionStore.builder().keyset(keyset).cleartextKeysetFile(file).build());
        assertTrue(e.getMessage().contains("one keyset"), e.getMessage());
    }

    @Test
    void cleartextKeysetFileOpensCookiesOfTheSameKeyset(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys.json"), Keysets.toJson(keyset));
        CookieSessionStore fromFile = CookieSessionStore.builder().cleartextKeysetFile(file).build();

        String token = store.save(session(Map.of("a", "b")), SessionChanges.TOUCH);

        assertEquals("b", attribute(fromFile.load(token, NOW, MINUTE).live(), "a"));
    }

    @Test
    void missingKeysetFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        SessionException e = assertThrows(SessionException.class,
                () -> CookieSessionStore.builder().cleartextKeysetFile(missing).build());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void limitsOutOfRangeAreRefusedNamingTheParameter() {
        CookieSessionStoreBuilder builder = CookieSessionStore.builder();
        assertTrue(assertThrows(SessionException.class, () -> builder.maxChunks(0)).getMessage().contains("max-chunks"));
        assertTrue(assertThrows(SessionException.class, () -> builder.maxChunks(33)).getMessage().contains("max-chunks"));
        assertTrue(assertThrows(SessionException.class, () -> builder.compressAbove(-1)).getMessage().contains("compress-above"));
        assertTrue(assertThrows(SessionException.class, () -> builder.cookieName(" ")).getMessage().contains("cookie.name"));
    }

    @Test
    void textOutsideAsciiComesBackUnchanged() {
        String text = "été 😀 中文";
        SessionData loaded = store.load(store.save(session(Map.of("t", text)), SessionChanges.TOUCH), NOW, MINUTE).live();
        assertEquals(text, attribute(loaded, "t"));
    }
}
