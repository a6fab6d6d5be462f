package dev.sessionkit.testing;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code Set-Cookie} response header, parsed the way a browser does (RFC 6265 section 5.2), for
 * asserting on the attributes a server sent.
 *
 * <p>The value is kept verbatim (surrounding quotes included). Attribute names are case-insensitive;
 * flag attributes such as {@code HttpOnly} and {@code Secure} map to the empty string.
 *
 * @param header the raw header value, exactly as received
 * @param name the cookie name
 * @param value the cookie value, possibly empty
 * @param attributes every attribute after the name-value pair, keyed case-insensitively; the last
 *     occurrence of a repeated attribute wins
 */
public record SetCookie(String header, String name, String value, Map<String, String> attributes) {

    public SetCookie {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(attributes);
        attributes = Collections.unmodifiableMap(caseInsensitive);
    }

    /**
     * Parses a {@code Set-Cookie} header value.
     *
     * @throws IllegalArgumentException if a browser would ignore the header (no {@code =} in the
     *     name-value pair, or an empty name)
     */
    public static SetCookie parse(String header) {
        SetCookie cookie = parseOrNull(header);
        if (cookie == null) {
            throw new IllegalArgumentException("not a valid Set-Cookie header: " + header);
        }
        return cookie;
    }

    /** Like {@link #parse(String)}, but null where a browser would ignore the header. */
    static SetCookie parseOrNull(String header) {
        String[] parts = header.split(";", -1);
        int equals = parts[0].indexOf('=');
        if (equals < 0) {
            return null;
        }
        String name = parts[0].substring(0, equals).trim();
        if (name.isEmpty()) {
            return null;
        }
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i];
            int attributeEquals = attribute.indexOf('=');
            if (attributeEquals < 0) {
                attributes.put(attribute.trim(), "");
            } else {
                attributes.put(attribute.substring(0, attributeEquals).trim(), attribute.substring(attributeEquals + 1).trim());
            }
        }
        attributes.remove("");
        return new SetCookie(header, name, parts[0].substring(equals + 1).trim(), attributes);
    }

    /** The value of attribute {@code name} (e.g. {@code "SameSite"}), {@code ""} for a flag, or null if absent. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Whether attribute {@code name} (e.g. {@code "HttpOnly"}) is present, with or without a value. */
    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /**
     * When a browser receiving this header at {@code now} would drop the cookie: {@code Max-Age}
     * takes precedence over {@code Expires}, a non-positive {@code Max-Age} means immediately, and
     * null means at the end of the browser session. Unparseable attributes are ignored, as browsers do.
     */
    public Instant expiry(Instant now) {
        String maxAge = attribute("Max-Age");
        if (maxAge != null && maxAge.matches("-?\\d+")) {
            long seconds = Long.parseLong(maxAge);
            return seconds <= 0 ? Instant.MIN : now.plusSeconds(seconds);
        }
        String expires = attribute("Expires");
        if (expires != null) {
            try {
                // Browsers also accept the older "Thu, 01-Jan-1970 00:00:00 GMT" spelling.
                return ZonedDateTime.parse(expires.replace('-', ' '), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
        return null;
    }
}
