package dev.sessionkit.sample.pages;

import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /logout} (POST): ends this browser's session and clears its cookie. */
public final class LogoutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        Sessions.logout(request);
        Html.redirect(request, response, "/");
    }
}
