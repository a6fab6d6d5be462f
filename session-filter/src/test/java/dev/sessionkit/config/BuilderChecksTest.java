package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builder refuses guessable secrets and cookie attributes that would break Set-Cookie, naming the option. */
class BuilderChecksTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static String refused(Runnable configure) {
        return assertThrows(SessionException.class, configure::run).getMessage();
    }

    @Test
    void aLongSecretOfOneRepeatedLetterIsRefused() {
        String message = refused(() -> SessionConfig.builder().secret("a".repeat(36)));
        assertTrue(message.contains("secret") && message.contains("too predictable")
                && message.contains("openssl rand -base64 48"), message);
    }

    @Test
    void aLongSecretOfFewDistinctCharactersIsRefused() {
        assertTrue(refused(() -> SessionConfig.builder().secret("abcdefgh".repeat(8))).contains("8 different characters"));
        assertTrue(refused(() -> SessionConfig.builder().previousSecret("ab".repeat(20))).contains("secret.previous"));
    }

    @Test
    void aSecretOfLowEstimatedEntropyIsRefused() {
        // 16 distinct characters, but one of them fills most of the secret: about 73 bits.
        String skewed = "0123456789abcdef" + "x".repeat(24);
        assertTrue(refused(() -> SessionConfig.builder().secret(skewed)).contains("bits"));
    }

    @Test
    void randomSecretsAndTheTestSuitesSecretsAreAccepted() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[48];
            random.nextBytes(bytes);
            SessionConfig.builder().secret(Base64.getEncoder().encodeToString(bytes)); // openssl rand -base64 48
            byte[] hex = new byte[32];
            random.nextBytes(hex);
            SessionConfig.builder().secret(HexFormat.of().formatHex(hex)); // openssl rand -hex 32
        }
        for (String secret : List.of(SECRET, "behaviour-secret-0123456789abcdefghij", "annotated-secret-0123456789abcdefghij",
                "web-xml-secret-0123456789abcdefghijk", "fuzz-secret-0123456789abcdefghijklmnop",
                "fault-secret-0123456789abcdefghijklmno", "current-secret-0123456789abcdefghijkl")) {
            SessionConfig.builder().secret(secret);
        }
    }

    @Test
    void aCookiePathThatWouldAddAttributesIsRefused() {
        String message = refused(() -> SessionConfig.builder().cookiePath("/; Domain=evil.example"));
        assertTrue(message.contains("cookie.path") && message.contains("cookiePath"), message);
        refused(() -> SessionConfig.builder().cookiePath("/app\r\nSet-Cookie: x=y"));
        refused(() -> SessionConfig.builder().cookiePath("app"));
        refused(() -> SessionConfig.builder().cookiePath("/caf\u00e9"));
        assertEquals("/app", SessionConfig.builder().secret(SECRET).cookiePath("/app").build().cookiePath());
        assertNull(SessionConfig.builder().secret(SECRET).cookiePath("/app").cookiePath(null).build().cookiePath(),
                "null restores the context path");
    }

    @Test
    void aCookieDomainMustBeAHostName() {
        String message = refused(() -> SessionConfig.builder().cookieDomain("example.com; Secure"));
        assertTrue(message.contains("cookie.domain") && message.contains("cookieDomain"), message);
        refused(() -> SessionConfig.builder().cookieDomain("-example.com"));
        refused(() -> SessionConfig.builder().cookieDomain("example..com"));
        refused(() -> SessionConfig.builder().cookieDomain("a".repeat(64) + ".com"));
        assertEquals("shop.example.com", SessionConfig.builder().secret(SECRET).cookieDomain("shop.example.com").build().cookieDomain());
        assertEquals(".example.com", SessionConfig.builder().secret(SECRET).cookieDomain(".example.com").build().cookieDomain());
    }

    @Test
    void aCookieNameMustBeAToken() {
        assertTrue(refused(() -> SessionConfig.builder().cookieName("SESSION=x")).contains("cookie.name"));
        refused(() -> SessionConfig.builder().cookieName("MY SESSION"));
        refused(() -> SessionConfig.builder().cookieName("S;"));
        refused(() -> SessionConfig.builder().cookieName(""));
    }

    @Test
    void initParamsGetTheSameChecksAndNameTheParam() {
        String message = assertThrows(SessionException.class, () -> SessionConfig.fromInitParams(
                Map.of("secret", SECRET, "cookie.path", "/;HttpOnly=false"), name -> null)).getMessage();
        assertTrue(message.startsWith("cookie.path"), message);
    }

    @Test
    void everyBuilderRefusalIsASessionExceptionNamingTheOption() {
        assertTrue(refused(() -> SessionConfig.builder().store(null)).contains("store"));
        assertTrue(refused(() -> SessionConfig.builder().sameSite(null)).contains("cookie.same-site (sameSite)"));
        assertTrue(refused(() -> SessionConfig.builder().idleTimeout(null)).contains("timeout.idle (idleTimeout)"));
        assertTrue(refused(() -> SessionConfig.builder().saveMode(null)).contains("save-mode (saveMode)"));
        assertTrue(refused(() -> SessionConfig.builder().listener(null)).contains("listeners"));
        assertTrue(refused(() -> SessionConfig.builder().clock(null)).contains("clock"));
        assertTrue(refused(() -> SessionConfig.builder().metrics(null)).contains("metrics"));
        assertTrue(refused(() -> SessionConfig.builder().signingKeyset(null)).contains("signingKeyset"));
        assertTrue(refused(() -> SessionConfig.builder().allowedTypes(java.util.Arrays.asList("a.B", null)))
                .contains("allowed-types"));
        assertTrue(refused(() -> SessionConfig.builder().unavailableStatus(200)).contains("unavailable.status (unavailableStatus)"));
        assertTrue(refused(() -> SessionConfig.builder().secret(SECRET).hostPrefix(true).secure(false).build())
                .contains("cookie.host-prefix"));
    }
}
