package dev.sessionkit.filter;

import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session's synchronizer token against cross-site request forgery: 256 random bits kept as a session
 * attribute, made on first use and dropped at login, so a token seen before login is worthless after it.
 */
final class CsrfTokens {

    /** The attribute that holds the token; an application never needs to read it. */
    static final String ATTRIBUTE = "dev.sessionkit.csrf";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private CsrfTokens() {
    }

    /**
     * @param session the session
     * @return the session's token, made and stored when it has none
     */
    public static String token(HttpSession session) {
        synchronized (session) {
            if (session.getAttribute(ATTRIBUTE) instanceof String token) {
                return token;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = BASE64.encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, token);
            return token;
        }
    }

    /**
     * @param session the request's session, or null
     * @param given   the token the request carried, or null
     * @return whether both exist and are equal; compared in constant time
     */
    static boolean matches(HttpSession session, String given) {
        if (session == null || given == null || !(session.getAttribute(ATTRIBUTE) instanceof String expected)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops the session's token, if any: called at login, so the next {@link #token} makes a new one. */
    static void forget(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }
}
