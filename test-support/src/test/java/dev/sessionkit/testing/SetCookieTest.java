package dev.sessionkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SetCookie} reads headers the way RFC 6265 tells browsers to. */
class SetCookieTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @Test
    void readsNameValueAndCaseInsensitiveAttributes() {
        SetCookie cookie = SetCookie.parse("SID = a.b.c ; path=/app; HTTPONLY; Secure; samesite=Strict");

        assertEquals("SID", cookie.name());
        assertEquals("a.b.c", cookie.value());
        assertEquals("/app", cookie.attribute("Path"));
        assertEquals("Strict", cookie.attribute("SameSite"));
        assertEquals("", cookie.attribute("HttpOnly"));
        assertTrue(cookie.has("secure"));
        assertFalse(cookie.has("Domain"));
        assertNull(cookie.attribute("Domain"));
    }

    @Test
    void keepsTheValueVerbatim() {
        assertEquals("\"x=y\"", SetCookie.parse("q=\"x=y\"; Path=/").value());
        assertEquals("", SetCookie.parse("empty=").value());
    }

    @Test
    void sessionCookieHasNoExpiry() {
        assertNull(SetCookie.parse("sid=1; Path=/").expiry(NOW));
    }

    @Test
    void maxAgeCountsFromReceiptAndWinsOverExpires() {
        SetCookie cookie = SetCookie.parse("sid=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60");

        assertEquals(NOW.plusSeconds(60), cookie.expiry(NOW));
    }

    @Test
    void nonPositiveMaxAgeExpiresImmediately() {
        assertEquals(Instant.MIN, SetCookie.parse("sid=; Max-Age=0").expiry(NOW));
        assertEquals(Instant.MIN, SetCookie.parse("sid=; Max-Age=-1").expiry(NOW));
    }

    @Test
    void readsBothSpellingsOfExpires() {
        Instant epochPlusTen = Instant.parse("1970-01-01T00:00:10Z");

        assertEquals(epochPlusTen, SetCookie.parse("a=1; Expires=Thu, 01 Jan 1970 00:00:10 GMT").expiry(NOW));
        assertEquals(epochPlusTen, SetCookie.parse("a=1; Expires=Thu, 01-Jan-1970 00:00:10 GMT").expiry(NOW));
    }

    @Test
    void ignoresUnparseableLifetimes() {
        assertNull(SetCookie.parse("a=1; Max-Age=soon").expiry(NOW));
        assertNull(SetCookie.parse("a=1; Expires=tomorrow").expiry(NOW));
    }

    @Test
    void rejectsHeadersABrowserWouldIgnore() {
        assertThrows(IllegalArgumentException.class, () -> SetCookie.parse("no-equals-sign"));
        assertThrows(IllegalArgumentException.class, () -> SetCookie.parse("=value"));
    }
}
