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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code /admin}, for the administrator only: how many sessions the store holds and every one of them, page
 * by page, with what {@link SessionInfo} offers (metadata and attribute names, never values), a delete
 * button each, and a form that deletes all sessions of one user. With the cookie store there is nothing to
 * list, and the page says why.
 *
 * <p>Pages never hold a whole session ID. Rows show a prefix and name their session by a hash, as on the
 * dashboard. The store's paging cursor may itself be an ID (the in-memory store's is the last ID of the
 * page), so it stays in the admin's session and the "next" link carries only a hash of it.
 */
public final class AdminServlet extends HttpServlet {

    static final int PAGE_SIZE = 20;

    private static final String PAGES_ATTRIBUTE = "sample.admin.pages";
    /** Enough for a long walk through the listing; older "next" links start over at the first page. */
    private static final int PAGES_REMEMBERED = 50;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> found = AdminAccess.require(request, response);
        if (found.isEmpty()) {
            return;
        }
        Session session = found.get();
        String notice = AdminAccess.takeNotice(session);
        Optional<SessionAdmin> admin = Sessions.admin(request);
        String body;
        if (admin.isEmpty()) {
            body = """
                    <div class="card" id="sessions">
                    <h1>Sessions</h1>
                    <p class="note" id="client-side-note">This app runs with the cookie store: each session lives
                    sealed in its browser's cookie and the server keeps no list of them, so they cannot be counted,
                    listed or deleted one by one. Rotating the keyset ends them all.</p>
                    </div>
                    """;
        } else {
            String cursor = null;
            String token = request.getParameter("page");
            if (token != null) {
                cursor = pages(session).get(token);
                if (cursor == null) {
                    notice = "That page link has expired; this is the first page.";
                }
            }
            body = listing(request, session, admin.get(), cursor) + deleteUser(request, session);
        }
        Html.render(request, response, HttpServletResponse.SC_OK, "Admin",
                (notice == null ? "" : "<p class=\"card\" id=\"notice\">" + Html.escape(notice) + "</p>\n")
                        + body + metrics(request));
    }

    private static String listing(HttpServletRequest request, Session session, SessionAdmin admin, String cursor) {
        long count = admin.count();
        SessionPage page = admin.list(cursor, PAGE_SIZE);
        String csrf = Html.csrfField(request);
        StringBuilder rows = new StringBuilder();
        for (SessionInfo info : page.sessions()) {
            String principal = info.principal();
            rows.append("<tr class=\"admin-session\">")
                    .append("<td><code>").append(Html.escape(DashboardServlet.prefix(info.id()))).append("</code>")
                    .append(info.id().equals(session.getId()) ? " <span class=\"tag\">this browser</span>" : "")
                    .append("</td>")
                    .append("<td class=\"principal\">")
                    .append(principal == null ? "<span class=\"note\">anonymous</span>" : Html.escape(principal))
                    .append("</td>")
                    .append("<td class=\"when\">").append(Html.time(info.creationTime())).append("<br>")
                    .append(Html.time(info.lastAccessedTime())).append("</td>")
                    .append("<td class=\"attributes\">").append(attributeNames(info)).append("</td>")
                    .append("<td class=\"client\">").append(Html.escape(info.details().getOrDefault("ip", "")))
                    .append("<br>")
                    .append(Html.escape(DashboardServlet.browser(info))).append("</td>")
                    .append("<td><form class=\"inline\" method=\"post\" action=\"")
                    .append(Html.href(request, "/admin/delete-session")).append("\">").append(csrf)
                    .append("<input type=\"hidden\" name=\"session\" value=\"").append(RevokeServlet.handle(info.id()))
                    .append("\"><input type=\"hidden\" name=\"principal\" value=\"")
                    .append(principal == null ? "" : Html.escape(principal))
                    .append("\"><button class=\"danger\" type=\"submit\">Delete</button></form></td>")
                    .append("</tr>\n");
        }
        if (page.sessions().isEmpty()) {
            rows.append("<tr><td colspan=\"6\" class=\"note\">No sessions on this page.</td></tr>\n");
        }
        StringBuilder paging = new StringBuilder();
        if (cursor != null) {
            paging.append("<a id=\"first-page\" href=\"").append(Html.href(request, "/admin")).append("\">First page</a> ");
        }
        if (page.cursor() != null) {
            paging.append("<a id=\"next-page\" href=\"")
                    .append(Html.href(request, "/admin?page=" + pageToken(session, page.cursor())))
                    .append("\">Next page</a>");
        }
        return """
                <div class="card" id="sessions">
                <h1>Sessions</h1>
                <p>Live sessions in the store: <strong id="session-count">%d</strong>. Each row shows a session's
                attribute names; their values are never shown.</p>
                <table class="compact">
                <tr><th>ID</th><th>User</th><th>Created,<br>last access</th><th>Attributes</th><th>Client</th><th></th></tr>
                %s</table>
                <p>%s</p>
                </div>
                """.formatted(count, rows, paging);
    }

    private static String attributeNames(SessionInfo info) {
        StringBuilder names = new StringBuilder();
        for (String name : new TreeSet<>(info.attributeNames())) {
            names.append(names.isEmpty() ? "" : " ").append("<code>").append(Html.escape(name)).append("</code>");
        }
        return names.toString();
    }

    private static String deleteUser(HttpServletRequest request, Session session) {
        return """
                <div class="card" id="delete-user">
                <h2>Delete all sessions of a user</h2>
                <form method="post" action="%s">
                %s
                <label for="user">User name</label>
                <input id="user" name="user" required>
                <button class="warning" type="submit">Delete all their sessions</button>
                </form>
                </div>
                """.formatted(Html.href(request, "/admin/delete-user"), Html.csrfField(request));
    }

    private static String metrics(HttpServletRequest request) {
        return """
                <div class="card">
                <h2>Metrics</h2>
                <p>Counters and store latencies in Prometheus text format: <a id="metrics-link" href="%s">/metrics</a>.</p>
                </div>
                """.formatted(Html.href(request, "/metrics"));
    }

    /** Remembers {@code cursor} in the admin's session and returns the token that names it in a link. */
    private static String pageToken(Session session, String cursor) {
        String token = RevokeServlet.handle(cursor);
        Map<String, String> pages = pages(session);
        pages.remove(token);
        pages.put(token, cursor);
        while (pages.size() > PAGES_REMEMBERED) {
            pages.remove(pages.keySet().iterator().next());
        }
        session.setAttribute(PAGES_ATTRIBUTE, pages);
        return token;
    }

    /** @return token to cursor, oldest first; a copy, since the session's value is only saved when set again */
    private static Map<String, String> pages(Session session) {
        Map<String, String> pages = new LinkedHashMap<>();
        if (session.getAttribute(PAGES_ATTRIBUTE) instanceof Map<?, ?> stored) {
            stored.forEach((token, cursor) -> pages.put(String.valueOf(token), String.valueOf(cursor)));
        }
        return pages;
    }
}
