package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The page layout, HTML escaping and the headers every page sends. */
final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    // Inline CSS and no scripts at all, so the policy can forbid everything else.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = """
            body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
            header { background: #24292f; padding: .75rem 1.5rem; display: flex; gap: 1.25rem; align-items: center; }
            header, header a { color: #fff; text-decoration: none; }
            header .brand { font-weight: 600; margin-right: auto; }
            main { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
            .card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem 1.5rem; margin-bottom: 1.5rem; }
            h1 { font-size: 1.5rem; margin-top: 0; }
            h2 { font-size: 1.15rem; margin-top: 0; }
            table { border-collapse: collapse; width: 100%; font-size: .95rem; }
            th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
            table.compact { font-size: .85rem; }
            table.compact td.when, table.compact code, table.compact button { white-space: nowrap; }
            table.compact td.client { overflow-wrap: anywhere; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .25rem 1.5rem; }
            dt { color: #57606a; } dd { margin: 0; }
            code { background: #eaeef2; padding: .1rem .3rem; border-radius: 4px; }
            label { display: block; margin: .6rem 0 .2rem; }
            input { padding: .4rem; width: 16rem; border: 1px solid #d0d7de; border-radius: 4px; font: inherit; }
            button { padding: .35rem .9rem; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; font: inherit; cursor: pointer; }
            button.primary { background: #1f883d; color: #fff; border-color: #1a7f37; margin-top: 1rem; }
            button.danger { color: #cf222e; }
            button.warning { background: #cf222e; color: #fff; border-color: #a40e26; margin-top: 1rem; }
            header button { padding: .15rem .6rem; }
            form.inline { display: inline; margin: 0; }
            .note { color: #57606a; }
            .error { color: #cf222e; font-weight: 600; }
            .tag { white-space: nowrap; background: #ddf4ff; color: #0969da; border-radius: 1rem; padding: 0 .5rem; font-size: .8rem; }
            .counter { font-size: 3rem; font-weight: 600; margin: 0; }
            """;

    private Html() {
    }

    /**
     * @param request a request under the session filter
     * @return a hidden form field with the session's CSRF token, which the filter's check ({@code csrf.check})
     *         requires of every POST
     */
    static String csrfField(HttpServletRequest request) {
        return "<input type=\"hidden\" name=\"" + Sessions.CSRF_PARAMETER + "\" value=\""
                + escape(Sessions.csrfToken(request)) + "\">";
    }

    /**
     * @param value text from anywhere: user input, headers, session data
     * @return the text with every HTML-special character escaped, safe in element content and quoted attributes
     */
    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param epochMillis a time
     * @return it as a UTC date and time, to the second
     */
    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * @param request the request
     * @param path    a path inside the application, starting with {@code /}
     * @return the path with the context path in front, escaped for an attribute
     */
    static String href(HttpServletRequest request, String path) {
        return escape(request.getContextPath() + path);
    }

    /**
     * Sends a whole page: the layout around {@code body}, which must already be escaped.
     *
     * @param request  the request
     * @param response the response
     * @param status   the HTTP status
     * @param title    the page title, plain text
     * @param body     the page content, HTML
     * @throws IOException when the client is gone
     */
    static void render(HttpServletRequest request, HttpServletResponse response, int status, String title, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        // Pages show session details: never keep them in a cache.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().write("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + " \u00b7 sessionkit sample</title>\n"
                + "<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + header(request)
                + "<main>\n" + body + "</main>\n</body>\n</html>\n");
    }

    /**
     * Answers a form POST with 303 See Other, so a reload does not send the form again.
     *
     * @param request  the request
     * @param response the response
     * @param path     where to, inside the application
     */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    private static String header(HttpServletRequest request) {
        StringBuilder header = new StringBuilder("<header>\n")
                .append("<a class=\"brand\" href=\"").append(href(request, "/")).append("\">sessionkit sample</a>\n")
                .append("<a href=\"").append(href(request, "/dashboard")).append("\">Dashboard</a>\n");
        Optional<Session> session = Sessions.find(request);
        String principal = session.map(Session::getPrincipal).orElse(null);
        if (principal == null) {
            header.append("<a href=\"").append(href(request, "/login")).append("\">Sign in</a>\n");
        } else {
            header.append("<span>").append(escape(principal)).append("</span>\n")
                    .append("<form class=\"inline\" method=\"post\" action=\"").append(href(request, "/logout")).append("\">")
                    .append(csrfField(request))
                    .append("<button type=\"submit\" id=\"logout\">Log out</button></form>\n");
        }
        return header.append("</header>\n").toString();
    }
}
