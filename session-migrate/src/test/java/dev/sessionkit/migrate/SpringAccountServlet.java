package dev.sessionkit.migrate;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;

import java.io.IOException;

/**
 * The same application before the switch, written for Spring Session: {@code /login?user=NAME} records the
 * principal as Spring's repositories index it and puts a cart in the session; {@code /me} describes it.
 */
public class SpringAccountServlet extends HttpServlet {

    private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getServletPath().equals("/login")) {
            HttpSession session = request.getSession();
            session.setAttribute(PRINCIPAL, request.getParameter("user"));
            session.setAttribute("cart", "book");
        }
        HttpSession session = request.getSession(false);
        response.getWriter().write(session == null || session.getAttribute(PRINCIPAL) == null ? "anonymous"
                : "user=" + session.getAttribute(PRINCIPAL) + " cart=" + session.getAttribute("cart"));
    }
}
