package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * Who may use the {@code /admin} pages: the one demo user named by the context's
 * {@link Pages#ADMIN_PARAMETER}. Also carries the one-line notice an admin action leaves for the next page.
 */
final class AdminAccess {

    private static final String NOTICE_ATTRIBUTE = "sample.admin.notice";

    private AdminAccess() {
    }

    /**
     * @param request   the request
     * @param principal the signed-in user, or null
     * @return whether that user is the configured admin; false when no admin is configured
     */
    static boolean isAdmin(HttpServletRequest request, String principal) {
        String admin = request.getServletContext().getInitParameter(Pages.ADMIN_PARAMETER);
        return principal != null && admin != null && principal.equals(admin.trim());
    }

    /**
     * Lets the admin through and answers everyone else: signed-out visitors are sent to {@code /login},
     * like the dashboard does, and other users get 403.
     *
     * @param request  the request
     * @param response the response, complete when the result is empty
     * @return the admin's session, or empty when the request has been answered
     * @throws IOException when the client is gone
     */
    static Optional<Session> require(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> session = Sessions.find(request);
        String principal = session.map(Session::getPrincipal).orElse(null);
        if (principal == null) {
            response.setHeader("Cache-Control", "no-store");
            Html.redirect(request, response, "/login");
            return Optional.empty();
        }
        if (!isAdmin(request, principal)) {
            Html.render(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", """
                    <div class="card">
                    <h1>Forbidden</h1>
                    <p class="error" id="not-admin">Only the administrator may manage sessions.</p>
                    <p>Your own sessions are on your <a href="%s">dashboard</a>.</p>
                    </div>
                    """.formatted(Html.href(request, "/dashboard")));
            return Optional.empty();
        }
        return session;
    }

    /**
     * Leaves a line for the next admin page to show once: what the action just did.
     *
     * @param session the admin's session
     * @param text    plain text
     */
    static void notice(Session session, String text) {
        session.setAttribute(NOTICE_ATTRIBUTE, text);
    }

    /**
     * @param session the admin's session
     * @return the notice left by the last action, now removed, or null
     */
    static String takeNotice(Session session) {
        Object notice = session.getAttribute(NOTICE_ATTRIBUTE);
        if (notice != null) {
            session.removeAttribute(NOTICE_ATTRIBUTE);
        }
        return notice instanceof String text ? text : null;
    }
}
