package dev.sessionkit.migrate;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The application of the migration tests: {@code /login?user=NAME} signs in and puts a cart in the
 * session, {@code /add?item=X} adds to it, {@code /me} answers {@code user=NAME cart=[...]} (or
 * {@code anonymous}), {@code /logout} ends the session, {@code /logout-everywhere} ends every session of
 * the user through the store's admin view and answers how many it ended, {@code /id} answers the session's ID.
 */
public class AccountServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        switch (request.getServletPath()) {
            case "/login" -> {
                Session session = Sessions.login(request, request.getParameter("user"));
                session.setAttribute("cart", "book");
            }
            case "/add" -> {
                Session session = Sessions.get(request);
                session.setAttribute("cart", session.getAttribute("cart") + "," + request.getParameter("item"));
            }
            case "/logout" -> Sessions.logout(request);
            case "/logout-everywhere" -> {
                String user = Sessions.get(request).getPrincipal();
                response.getWriter().write("ended=" + Sessions.admin(request).orElseThrow().deleteAllOf(user) + " ");
            }
            case "/id" -> {
                response.getWriter().write(Sessions.find(request).map(Session::getId).orElse("none"));
                return;
            }
            default -> { }
        }
        response.getWriter().write(describe(request));
    }

    static String describe(HttpServletRequest request) {
        return Sessions.find(request).filter(s -> s.getPrincipal() != null)
                .map(s -> "user=" + s.getPrincipal() + " cart=" + s.getAttribute("cart")).orElse("anonymous");
    }
}
