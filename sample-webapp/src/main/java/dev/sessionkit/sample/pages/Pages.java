package dev.sessionkit.sample.pages;

import jakarta.servlet.http.HttpServlet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample's servlets and their paths. {@code SampleApp} registers these; {@code WEB-INF/web.xml} declares
 * the same mapping for the WAR.
 *
 * <p>Two servlet-context settings reach the pages, the same way in both deployments: the init-parameter
 * {@link #ADMIN_PARAMETER} and the attribute {@link MetricsServlet#REGISTRY_ATTRIBUTE}.
 */
public final class Pages {

    /**
     * The servlet-context init-parameter ({@code <context-param>} in web.xml) naming the demo user who may
     * open {@code /admin}. Without it nobody may.
     */
    public static final String ADMIN_PARAMETER = "sample.admin";

    /** The demo users' names; each signs in with the password {@code demo}. */
    public static final List<String> DEMO_USERS = DemoUsers.NAMES;

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
        servlets.put("/admin", new AdminServlet());
        servlets.put("/admin/delete-session", new AdminDeleteSessionServlet());
        servlets.put("/admin/delete-user", new AdminDeleteUserServlet());
        servlets.put("/metrics", new MetricsServlet());
        return servlets;
    }
}
