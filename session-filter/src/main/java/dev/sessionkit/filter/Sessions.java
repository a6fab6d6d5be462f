package dev.sessionkit.filter;

import dev.sessionkit.Session;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Static helpers for the common session operations, without casts. Every method needs a request that
 * passed through {@link SessionFilter} and throws {@link SessionException} otherwise.
 */
public final class Sessions {

    /** The request header the filter's CSRF check reads the token from (for {@code fetch} and XHR). */
    public static final String CSRF_HEADER = CsrfGuard.HEADER;
    /** The form field the filter's CSRF check reads the token from (for HTML forms). */
    public static final String CSRF_PARAMETER = CsrfGuard.PARAMETER;

    private static final int MAX_DETAIL_LENGTH = 256;
    private static final String NOT_FILTERED =
            "This request did not pass through SessionFilter: map the filter to this URL, first in the chain";

    private Sessions() {
    }

    /**
     * @param request a request under {@link SessionFilter}
     * @return the request's session, created when it has none
     */
    public static Session get(HttpServletRequest request) {
        return ours(request.getSession(true));
    }

    /**
     * @param request a request under {@link SessionFilter}
     * @return the request's session, or empty when it has none
     */
    public static Optional<Session> find(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.of(ours(session));
    }

    /**
     * Gives the session a new ID and keeps its data; see {@link Session#rotate()}.
     *
     * @param request a request under {@link SessionFilter}
     * @return the new ID
     */
    public static String rotate(HttpServletRequest request) {
        return get(request).rotate();
    }

    /**
     * Logs a user in: rotates the session ID (no session fixation), drops the CSRF token (see
     * {@link #csrfToken}), records the principal so the store can list and revoke the user's sessions, and
     * records the client's IP and user agent as the session's details (see {@link SessionInfo#details()}).
     *
     * @param request   a request under {@link SessionFilter}
     * @param principal the user name, never null
     * @return the session
     */
    public static Session login(HttpServletRequest request, String principal) {
        Session session = state(request).login(principal);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ip", String.valueOf(request.getRemoteAddr()));
        details.put("userAgent", truncate(request.getHeader("User-Agent")));
        details.put("login", String.valueOf(session.getLastAccessedTime()));
        session.setAttribute(SessionInfo.DETAILS_ATTRIBUTE, details);
        return session;
    }

    /**
     * The session's synchronizer token against cross-site request forgery: put it in a hidden
     * {@value #CSRF_PARAMETER} field of every form, or send it in the {@value #CSRF_HEADER} header, and the
     * filter's check ({@code csrf.check=true}) refuses unsafe requests that lack it. The token is 256 random
     * bits, made on first use (which creates the session and stores it) and kept until {@link #login},
     * which drops it, so a token seen before login is worthless after it. It is safe to write into HTML
     * (base64url characters only).
     *
     * @param request a request under {@link SessionFilter}
     * @return the token, the same for every request of the session until login
     */
    public static String csrfToken(HttpServletRequest request) {
        return CsrfTokens.token(get(request));
    }

    /**
     * Records the logged-in user on the request's existing session, without rotating its ID, so the store
     * can list and revoke the user's sessions. For frameworks that rotate the ID themselves at login:
     * Spring Security's session-fixation protection calls {@code changeSessionId()}, which rotates through
     * {@link Session#rotate()}. Everyone else calls {@link #login}, which rotates too.
     *
     * @param request   a request under {@link SessionFilter} that has a session
     * @param principal the user name, never null
     * @throws IllegalStateException when the request has no session
     */
    public static void recordPrincipal(HttpServletRequest request, String principal) {
        state(request).recordPrincipal(principal);
    }

    /**
     * Invalidates the request's session, if any, and clears the cookie.
     *
     * @param request a request under {@link SessionFilter}
     */
    public static void logout(HttpServletRequest request) {
        find(request).ifPresent(HttpSession::invalidate);
    }

    /**
     * @param request a request under {@link SessionFilter}
     * @return the store's admin view (list a user's sessions, log out everywhere), or empty for a
     *         client-side store that keeps no list of sessions (the cookie store without revocation); during a
     *         rollback into the cookie store, the old store's view of the sessions not yet moved
     */
    public static Optional<SessionAdmin> admin(HttpServletRequest request) {
        return state(request).admin();
    }

    private static RequestSessions state(HttpServletRequest request) {
        RequestSessions state = SessionFilter.state(request);
        if (state == null) {
            throw new SessionException(NOT_FILTERED);
        }
        return state;
    }

    private static Session ours(HttpSession session) {
        if (session instanceof Session ours) {
            return ours;
        }
        throw new SessionException(NOT_FILTERED);
    }

    private static String truncate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_DETAIL_LENGTH ? value : value.substring(0, MAX_DETAIL_LENGTH);
    }
}
