package dev.sessionkit.config;

import dev.sessionkit.SessionException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks of the CSRF options: exempt paths and trusted origins, each refused with what to write instead. */
final class CsrfOptions {

    private CsrfOptions() {
    }

    /**
     * @param path an exempt path: {@code /exact} or {@code /prefix/*}
     * @return the path as given
     */
    static String exemptPath(String path) {
        Options.required("csrf.exempt-paths (csrfExemptPaths)", path);
        int star = path.indexOf('*');
        boolean wellPlacedStar = star < 0 || (star == path.length() - 1 && path.endsWith("/*"));
        if (!path.startsWith("/") || !wellPlacedStar) {
            throw new SessionException("csrf.exempt-paths (csrfExemptPaths): '" + path + "' is not a path within the"
                    + " application: write /exact/path or /prefix/* (a * only at the end, after a /)");
        }
        return path;
    }

    /**
     * @param origin a trusted origin: {@code scheme://host[:port]}, nothing after it
     * @return the origin in the form browsers send it: lower case, no default port
     */
    static String origin(String origin) {
        Options.required("csrf.trusted-origins (csrfTrustedOrigins)", origin);
        String normalized = normalize(origin);
        if (normalized == null) {
            throw new SessionException("csrf.trusted-origins (csrfTrustedOrigins): '" + origin + "' is not an origin:"
                    + " write scheme://host or scheme://host:port, such as https://app.example.com, with no path");
        }
        return normalized;
    }

    /**
     * @param origin what a browser sent as Origin, or an origin taken from a Referer
     * @return {@code scheme://host[:port]} in lower case without a default port, or null when it is not an origin
     */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            return format(scheme, host, uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * @param scheme http or https
     * @param host   a host name or address
     * @param port   the port, or -1 for the default
     * @return the origin as a browser writes it
     */
    static String format(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
