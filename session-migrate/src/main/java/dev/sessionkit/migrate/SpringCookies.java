package dev.sessionkit.migrate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Spring Session's {@code SESSION} cookie: base64 of the session ID, a UUID. Nothing else is accepted. */
final class SpringCookies {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Base64 of a 36-character UUID is 48 characters; anything much longer is not Spring's. */
    private static final int MAX_COOKIE = 64;

    private SpringCookies() {
    }

    /** @return the UUID the cookie value carries, or null when it is not a Spring Session cookie */
    static String sessionId(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > MAX_COOKIE) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.ISO_8859_1);
            return UUID.matcher(decoded).matches() ? decoded : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
