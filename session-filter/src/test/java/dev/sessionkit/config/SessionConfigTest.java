package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionConfigTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static SessionConfig fromParams(Map<String, String> params) {
        return SessionConfig.fromInitParams(params, name -> name.equals("APP_SECRET") ? SECRET : null);
    }

    private static String failure(Map<String, String> params) {
        return assertThrows(SessionException.class, () -> fromParams(params)).getMessage();
    }

    @Test
    void missingSecretSaysWhatToSet() {
        String message = failure(Map.of());
        assertTrue(message.contains("'secret'") && message.contains("secret.env"), message);
    }

    @Test
    void shortSecretIsRefused() {
        assertTrue(failure(Map.of("secret", "short")).contains("at least 32"));
    }

    @Test
    void secretCanComeFromTheEnvironment() {
        SessionConfig config = fromParams(Map.of("secret.env", "APP_SECRET"));
        assertEquals(SECRET, config.secrets().get(0));
        assertTrue(failure(Map.of("secret.env", "UNSET_VARIABLE")).contains("UNSET_VARIABLE"));
    }

    @Test
    void unknownStoreListsTheKnownOnes() {
        String message = failure(Map.of("secret", SECRET, "store", "mongo"));
        assertTrue(message.contains("'mongo'") && message.contains("memory"), message);
    }

    @Test
    void negativeTimeoutIsRefused() {
        assertTrue(failure(Map.of("secret", SECRET, "timeout.idle", "-5")).contains("timeout.idle"));
        assertTrue(failure(Map.of("secret", SECRET, "timeout.absolute", "soon")).contains("timeout.absolute"));
    }

    @Test
    void initParamsSetEveryOption() {
        Map<String, String> params = new HashMap<>();
        params.put("secret", SECRET);
        params.put("cookie.name", "APPSESSION");
        params.put("cookie.secure", "false");
        params.put("cookie.same-site", "strict");
        params.put("timeout.idle", "15m");
        params.put("timeout.absolute", "PT4H");
        params.put("touch.interval", "30");
        params.put("save-mode", "on-get-attribute");
        params.put("allowed-types", "com.example.Cart, com.example.model.*");
        SessionConfig config = fromParams(params);
        assertEquals("APPSESSION", config.cookieName());
        assertEquals(false, config.secure());
        assertEquals(SameSite.STRICT, config.sameSite());
        assertEquals(Duration.ofMinutes(15), config.idleTimeout());
        assertEquals(Duration.ofHours(4), config.absoluteTimeout());
        assertEquals(Duration.ofSeconds(30), config.touchInterval());
        assertEquals(SaveMode.ON_GET_ATTRIBUTE, config.saveMode());
        assertEquals(2, config.allowedTypes().size());
    }

    @Test
    void checkOnStartIsOffUnlessTheInitParamTurnsItOn() {
        assertEquals(false, fromParams(Map.of("secret", SECRET)).checkOnStart());
        assertEquals(true, fromParams(Map.of("secret", SECRET, "store.check-on-start", "true")).checkOnStart());
        assertTrue(failure(Map.of("secret", SECRET, "store.check-on-strat", "true")).contains("did you mean store.check-on-start"));
    }

    @Test
    void securityDefaults() {
        SessionConfig config = SessionConfig.builder().secret(SECRET).build();
        assertEquals("SESSION", config.cookieName());
        assertTrue(config.secure());
        assertEquals(SameSite.LAX, config.sameSite());
        assertEquals(Duration.ofMinutes(30), config.idleTimeout());
        assertEquals(Duration.ofHours(8), config.absoluteTimeout());
        assertEquals(Duration.ofMinutes(1), config.touchInterval());
    }

    @Test
    void hostPrefixRequiresSecureAndRootPath() {
        SessionConfig config = SessionConfig.builder().secret(SECRET).hostPrefix(true).build();
        assertEquals("__Host-SESSION", config.cookieName());
        assertThrows(SessionException.class, () -> SessionConfig.builder().secret(SECRET).hostPrefix(true).secure(false).build());
        assertThrows(SessionException.class, () -> SessionConfig.builder().secret(SECRET).hostPrefix(true).cookieDomain("example.com").build());
    }

    @Test
    void sameSiteNoneRequiresSecure() {
        assertThrows(SessionException.class, () -> SessionConfig.builder().secret(SECRET).sameSite(SameSite.NONE).secure(false).build());
    }
}
