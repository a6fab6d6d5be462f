package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filter's CSRF check of one unsafe request: it must come from the request's own origin (or a trusted
 * one) when the browser says where it comes from, and must carry the session's token in the
 * {@code X-CSRF-Token} header or the {@code _csrf} form field. Safe methods and exempt paths pass.
 * Thread-safe and immutable.
 */
final class CsrfGuard {

    /** The request header that carries the token (for {@code fetch} and XHR). */
    public static final String HEADER = "X-CSRF-Token";
    /** The form field that carries the token (for HTML forms). */
    public static final String PARAMETER = "_csrf";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final List<String> exactPaths;
    private final List<String> pathPrefixes;
    private final Set<String> trustedOrigins;

    private CsrfGuard(SessionConfig config) {
        this.exactPaths = config.csrfExemptPaths().stream().filter(p -> !p.endsWith("/*")).toList();
        this.pathPrefixes = config.csrfExemptPaths().stream().filter(p -> p.endsWith("/*"))
                .map(p -> p.substring(0, p.length() - 1)).toList();
        this.trustedOrigins = Set.copyOf(config.csrfTrustedOrigins());
    }

    /**
     * @param config the configuration
     * @return the guard, or null when {@code csrf.check} is off
     */
    public static CsrfGuard of(SessionConfig config) {
        return config.csrfCheck() ? new CsrfGuard(config) : null;
    }

    /**
     * @param request  the container's request
     * @param sessions the request's sessions
     * @return why the request is refused, for the 403's body; null when it may pass
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when the session cannot be loaded
     */
    public String refusal(HttpServletRequest request, RequestSessions sessions) {
        if (SAFE_METHODS.contains(request.getMethod()) || isExempt(request)) {
            return null;
        }
        String origin = claimedOrigin(request);
        if (origin != null && !origin.equals(ownOrigin(request)) && !trustedOrigins.contains(origin)) {
            return "the request comes from another origin than this application's";
        }
        String given = request.getHeader(HEADER);
        if (given == null) {
            given = formField(request);
        }
        if (given == null) {
            return "the request carries no CSRF token (send Sessions.csrfToken(request) in the " + HEADER
                    + " header or the " + PARAMETER + " form field)";
        }
        SessionImpl session = sessions.session(false);
        if (!CsrfTokens.matches(session, given)) {
            return "the CSRF token is not this session's (the session may have expired or been renewed at login:"
                    + " reload the page and try again)";
        }
        return null;
    }

    private boolean isExempt(HttpServletRequest request) {
        // Servlet path and path info are decoded and normalised by the container, so %2e%2e tricks do not
        // reach an exempt prefix from outside it.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (exactPaths.contains(path)) {
            return true;
        }
        for (String prefix : pathPrefixes) {
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Origin header, else the origin of the Referer; null without either. {@code Origin: null} counts as
     * no Origin: browsers send it for same-origin posts from pages with {@code Referrer-Policy: no-referrer},
     * and an opaque origin cannot read the token anyway.
     */
    private static String claimedOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.trim().equals("null")) {
            return origin.trim().toLowerCase(Locale.ROOT);
        }
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI uri = new URI(referer.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "null";
            }
            return format(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return "null";
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        return format(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    private static String format(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }

    private static String formField(HttpServletRequest request) {
        String type = request.getContentType();
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("application/x-www-form-urlencoded") && !lower.startsWith("multipart/form-data")) {
            return null;
        }
        try {
            return request.getParameter(PARAMETER);
        } catch (RuntimeException e) {
            // A multipart body without a multipart configuration, or a malformed body: no form field.
            return null;
        }
    }
}
