package dev.sessionkit.sample.pages;

import jakarta.servlet.http.HttpServlet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample's servlets and their paths. {@code SampleApp} registers these; {@code WEB-INF/web.xml} declares
 * the same mapping for the WAR.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * @return URL pattern to a new servlet instance; {@code ""} is the context root
     */
    public static Map<String, HttpServlet> servlets() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("", new HomeServlet());
        servlets.put("/login", new LoginServlet());
        servlets.put("/dashboard", new DashboardServlet());
        servlets.put("/sessions/revoke", new RevokeServlet());
        servlets.put("/logout", new LogoutServlet());
        servlets.put("/logout-everywhere", new LogoutEverywhereServlet());
        return servlets;
    }
}
