package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /dashboard}: this session's details and the user's active sessions, each revocable, and for the
 * administrator the way to {@code /admin} and {@code /metrics}. Signed-out visitors are sent to {@code /login}.
 */
public final class DashboardServlet extends HttpServlet {

    /** Tables show this much of an ID, its lineage: enough to tell sessions apart, too little to be worth stealing. */
    static final int ID_PREFIX = 8;
    private static final int USER_AGENT_SHOWN = 80;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> found = Sessions.find(request);
        String principal = found.map(Session::getPrincipal).orElse(null);
        if (principal == null) {
            response.setHeader("Cache-Control", "no-store");
            Html.redirect(request, response, "/login");
            return;
        }
        Session session = found.get();
        Html.render(request, response, HttpServletResponse.SC_OK, "Dashboard",
                thisSession(session, principal) + activeSessions(request, session, principal)
                        + (AdminAccess.isAdmin(request, principal) ? administration(request) : ""));
    }

    private static String administration(HttpServletRequest request) {
        return """
                <div class="card" id="administration">
                <h2>Administration</h2>
                <p>You are this app's administrator: see and delete <a id="admin-link" href="%s">every session</a>,
                or read the <a id="metrics-link" href="%s">session metrics</a> in Prometheus text format.</p>
                </div>
                """.formatted(Html.href(request, "/admin"), Html.href(request, "/metrics"));
    }

    private static String thisSession(Session session, String principal) {
        int idleSeconds = session.getMaxInactiveInterval();
        String idleExpiry = idleSeconds > 0
                ? Html.time(session.getLastAccessedTime() + idleSeconds * 1000L) + " (after " + idleSeconds / 60 + " idle minutes)"
                : "never";
        Object visits = session.getAttribute(HomeServlet.VISITS);
        return """
                <div class="card">
                <h1>Signed in as <span id="principal">%s</span></h1>
                <dl>
                %s<dt>Created</dt><dd id="created">%s</dd>
                <dt>Last access</dt><dd id="last-access">%s</dd>
                <dt>Idle expiry</dt><dd id="idle-expiry">%s</dd>
                <dt>Visits</dt><dd id="visits">%s</dd>
                </dl>
                </div>
                """.formatted(Html.escape(principal), ShownSessionId.html(session.getId()),
                Html.time(session.getCreationTime()), Html.time(session.getLastAccessedTime()), Html.escape(idleExpiry),
                Html.escape(visits == null ? 0 : visits));
    }

    private static String activeSessions(HttpServletRequest request, Session session, String principal) {
        Optional<SessionAdmin> admin = Sessions.admin(request);
        if (admin.isEmpty()) {
            return """
                    <div class="card" id="sessions">
                    <h2>Active sessions</h2>
                    <p class="note" id="client-side-note">This app runs with the cookie store: the whole session lives
                    sealed in your browser's cookie and the server keeps no list of sessions, so they cannot be listed
                    or revoked one by one. Logging out clears this browser only; rotating the keyset ends them all.</p>
                    </div>
                    """;
        }
        List<SessionInfo> sessions = admin.get().sessionsOf(principal);
        String csrf = Html.csrfField(request);
        StringBuilder rows = new StringBuilder();
        for (SessionInfo info : sessions) {
            boolean current = info.id().equals(session.getId());
            rows.append("<tr class=\"session\">")
                    .append("<td><code>").append(Html.escape(prefix(info.id()))).append("</code>")
                    .append(current ? " <span class=\"tag\">this browser</span>" : "").append("</td>")
                    .append("<td>").append(Html.time(info.creationTime())).append("</td>")
                    .append("<td>").append(Html.time(info.lastAccessedTime())).append("</td>")
                    .append("<td>").append(Html.escape(info.details().getOrDefault("ip", ""))).append("</td>")
                    .append("<td>").append(Html.escape(browser(info))).append("</td>")
                    .append("<td><form class=\"inline\" method=\"post\" action=\"")
                    .append(Html.href(request, "/sessions/revoke")).append("\">").append(csrf)
                    .append("<input type=\"hidden\" name=\"session\" value=\"").append(RevokeServlet.handle(info.id()))
                    .append("\"><button class=\"danger\" type=\"submit\">Revoke</button></form></td>")
                    .append("</tr>\n");
        }
        return """
                <div class="card" id="sessions">
                <h2>Active sessions (%d)</h2>
                <table>
                <tr><th>ID</th><th>Created</th><th>Last access</th><th>IP</th><th>Browser</th><th></th></tr>
                %s</table>
                <form method="post" action="%s">
                %s
                <button class="warning" type="submit" id="logout-everywhere">Log out everywhere</button>
                </form>
                </div>
                """.formatted(sessions.size(), rows, Html.href(request, "/logout-everywhere"), csrf);
    }

    /**
     * @param id a session ID
     * @return as much of it as a page may show
     */
    static String prefix(String id) {
        return id.length() <= ID_PREFIX ? id : id.substring(0, ID_PREFIX);
    }

    /**
     * @param info a session
     * @return the user agent recorded at its login, shortened for a table cell; not escaped
     */
    static String browser(SessionInfo info) {
        String userAgent = info.details().getOrDefault("userAgent", "");
        return userAgent.length() > USER_AGENT_SHOWN ? userAgent.substring(0, USER_AGENT_SHOWN) + "\u2026" : userAgent;
    }
}
