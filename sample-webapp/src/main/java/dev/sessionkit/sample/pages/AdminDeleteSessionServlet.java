package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /admin/delete-session} (POST, administrator only): deletes one session, named as on the admin page
 * by a hash of its ID and the user it belongs to. The user's sessions are found through the store's
 * per-user index; an anonymous session, which has no index, by walking the listing. Deleting the admin's
 * own session signs this browser out.
 */
public final class AdminDeleteSessionServlet extends HttpServlet {

    private static final int SCAN_PAGE = 500;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> found = AdminAccess.require(request, response);
        if (found.isEmpty()) {
            return;
        }
        Optional<SessionAdmin> admin = Sessions.admin(request);
        String handle = request.getParameter("session");
        if (admin.isEmpty() || handle == null) {
            Html.redirect(request, response, "/admin");
            return;
        }
        String principal = request.getParameter("principal");
        Optional<SessionInfo> target = principal == null || principal.isEmpty()
                ? anonymous(admin.get(), handle)
                : admin.get().sessionsOf(principal).stream().filter(info -> matches(info, handle)).findFirst();
        if (target.isEmpty()) {
            AdminAccess.notice(found.get(), "That session had already ended.");
            Html.redirect(request, response, "/admin");
            return;
        }
        SessionInfo info = target.get();
        if (info.id().equals(found.get().getId())) {
            Sessions.logout(request);
            Html.redirect(request, response, "/login");
            return;
        }
        admin.get().delete(info.id());
        AdminAccess.notice(found.get(), "Deleted session " + DashboardServlet.prefix(info.id()) + "\u2026 of "
                + (info.principal() == null ? "an anonymous visitor" : info.principal()) + ".");
        Html.redirect(request, response, "/admin");
    }

    private static Optional<SessionInfo> anonymous(SessionAdmin admin, String handle) {
        String cursor = null;
        do {
            SessionPage page = admin.list(cursor, SCAN_PAGE);
            for (SessionInfo info : page.sessions()) {
                if (info.principal() == null && matches(info, handle)) {
                    return Optional.of(info);
                }
            }
            cursor = page.cursor();
        } while (cursor != null);
        return Optional.empty();
    }

    private static boolean matches(SessionInfo info, String handle) {
        return RevokeServlet.handle(info.id()).equals(handle);
    }
}
