package dev.sessionkit.sample.pages;

import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens against cross-site request forgery: one random token per session, sent in a hidden
 * field of every form and compared, in constant time, with the session's copy on every POST.
 */
final class Csrf {

    /** The form field that carries the token. */
    static final String PARAMETER = "csrf";

    private static final String ATTRIBUTE = "sample.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /**
     * @param session the session
     * @return a hidden form field with the session's token, created on first use
     */
    static String field(HttpSession session) {
        Object token = session.getAttribute(ATTRIBUTE);
        if (!(token instanceof String)) {
            token = renew(session);
        }
        return "<input type=\"hidden\" name=\"" + PARAMETER + "\" value=\"" + Html.escape(token) + "\">";
    }

    /**
     * Replaces the session's token. Called at login, so a token seen before login is worthless after it.
     *
     * @param session the session
     * @return the new token
     */
    static String renew(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, token);
        return token;
    }

    /**
     * @param request a form POST
     * @return whether it carries its session's token; false when it has no session or no token
     */
    static boolean isValid(HttpServletRequest request) {
        String given = request.getParameter(PARAMETER);
        Object expected = Sessions.find(request).map(session -> session.getAttribute(ATTRIBUTE)).orElse(null);
        return given != null && expected instanceof String token
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
