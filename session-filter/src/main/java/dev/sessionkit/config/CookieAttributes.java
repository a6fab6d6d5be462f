package dev.sessionkit.config;

import dev.sessionkit.SessionException;

import java.util.regex.Pattern;

/**
 * Checks cookie attribute values before they reach {@code Set-Cookie}, where a {@code ;} would smuggle in
 * attributes of the configurer's choosing (say {@code Domain=evil.example}), and the name of the token
 * header.
 */
final class CookieAttributes {

    /** RFC 6265 cookie-name: an RFC 7230 token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");
    /** RFC 6265 path-value: printable US-ASCII except ';'. */
    private static final Pattern PATH = Pattern.compile("/[\\x20-\\x3A\\x3C-\\x7E]*");
    /** Host name labels (RFC 1123); the leading dot of old configurations is allowed, browsers ignore it. */
    private static final Pattern DOMAIN = Pattern.compile(
            "\\.?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private CookieAttributes() {
    }

    static String name(String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new SessionException("cookie.name (cookieName) must be a cookie token: letters, digits and"
                    + " !#$%&'*+-.^_`|~, no spaces, '=' or ';', was " + quoted(name));
        }
        return name;
    }

    /** An RFC 7230 field-name that is not one of the headers the filter or the browser owns. */
    static String headerName(String name) {
        if (name == null || !TOKEN.matcher(name).matches()
                || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie")) {
            throw new SessionException("session.header-name (headerName) must be an HTTP header name: letters,"
                    + " digits and !#$%&'*+-.^_`|~, not Cookie or Set-Cookie, was " + quoted(name));
        }
        return name;
    }

    /** @return the path, or null (the context path) when null */
    static String path(String path) {
        if (path != null && !PATH.matcher(path).matches()) {
            throw new SessionException("cookie.path (cookiePath) must start with '/' and hold no ';', control or"
                    + " non-ASCII characters, was " + quoted(path));
        }
        return path;
    }

    /** @return the domain, or null (host-only) when null */
    static String domain(String domain) {
        if (domain != null && (domain.length() > 253 || !DOMAIN.matcher(domain).matches())) {
            throw new SessionException("cookie.domain (cookieDomain) must be a host name such as example.com"
                    + " (letters, digits, '-' and dots), was " + quoted(domain));
        }
        return domain;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
