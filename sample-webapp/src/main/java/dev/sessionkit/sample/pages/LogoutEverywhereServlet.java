package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /logout-everywhere} (POST): ends every session of the signed-in user, in every browser. */
public final class LogoutEverywhereServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        String principal = Sessions.find(request).map(Session::getPrincipal).orElse(null);
        // Invalidate this one first: that also clears this browser's cookie.
        Sessions.logout(request);
        if (principal != null) {
            Sessions.admin(request).ifPresent(admin -> admin.deleteAllOf(principal));
        }
        Html.redirect(request, response, "/login");
    }
}
