package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.SessionAdmin;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /admin/delete-user} (POST, administrator only): deletes every session of the user named in the
 * form, "log out everywhere" on someone else's behalf. Naming the admin's own user signs this browser out
 * too.
 */
public final class AdminDeleteUserServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> found = AdminAccess.require(request, response);
        if (found.isEmpty()) {
            return;
        }
        Session session = found.get();
        Optional<SessionAdmin> admin = Sessions.admin(request);
        String user = request.getParameter("user") == null ? "" : request.getParameter("user").trim();
        if (admin.isEmpty() || user.isEmpty()) {
            Html.redirect(request, response, "/admin");
            return;
        }
        if (user.equals(session.getPrincipal())) {
            // This one first, as on "log out everywhere": invalidating it also clears this browser's cookie.
            Sessions.logout(request);
            admin.get().deleteAllOf(user);
            Html.redirect(request, response, "/login");
            return;
        }
        int deleted = admin.get().deleteAllOf(user);
        AdminAccess.notice(session, "Deleted " + deleted + (deleted == 1 ? " session" : " sessions") + " of " + user + ".");
        Html.redirect(request, response, "/admin");
    }
}
