package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /}: counts this browser's visits in its session, logged in or not. */
public final class HomeServlet extends HttpServlet {

    static final String VISITS = "visits";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Session session = Sessions.get(request);
        int visits = session.getAttribute(VISITS) instanceof Integer previous ? previous + 1 : 1;
        session.setAttribute(VISITS, visits);
        String principal = session.getPrincipal();
        String who = principal == null
                ? "You are not signed in. <a href=\"" + Html.href(request, "/login") + "\">Sign in</a> and watch the"
                + " second part of the session ID change while the counter keeps counting."
                : "Signed in as <strong id=\"principal\">" + Html.escape(principal) + "</strong>. See your"
                + " <a href=\"" + Html.href(request, "/dashboard") + "\">dashboard</a>.";
        Html.render(request, response, HttpServletResponse.SC_OK, "Home", """
                <div class="card">
                <h1>Visits in this session</h1>
                <p class="counter" id="visits">%d</p>
                <p>Reload the page: the count is kept in the session, in the store the app was started with.</p>
                <dl>
                %s</dl>
                <p>%s</p>
                </div>
                """.formatted(visits, ShownSessionId.html(session.getId()), who));
    }
}
