package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.Transport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Carries the session token where {@code session.transport} says: the cookie ({@link SessionCookies}), a
 * header, or both. A header carries the same signed value as the cookie, so a forged or altered header is
 * turned away before any store is asked, as a cookie is. A new or rotated session answers with the new
 * token in the response header; an invalidated one with the header present and empty.
 */
final class SessionTokens {

    /** Null when the transport is the header alone: then no cookie is read or ever set. */
    private final SessionCookies cookies;
    /** Null when the transport is the cookie alone. */
    private final String header;
    private final CookieSigner signer;

    /**
     * @param config the filter's configuration
     * @param signer signs IDs, or null for a client-side store (whose transport is always the cookie)
     */
    public SessionTokens(SessionConfig config, CookieSigner signer) {
        Transport transport = config.transport();
        this.cookies = transport == Transport.HEADER ? null : new SessionCookies(config, signer);
        this.header = transport == Transport.COOKIE ? null : config.headerName();
        this.signer = signer;
    }

    /**
     * @param request the request
     * @return the session cookie's values that are not signed IDs (a sealed session, another library's
     *         cookie), for a migration to adopt; none with the header transport alone
     */
    List<String> unsignedValues(HttpServletRequest request) {
        return cookies == null ? List.of() : cookies.unsignedValues(request);
    }

    /**
     * @param request the request
     * @return the verified tokens the request carries, header values first, at most
     *         {@link SessionCookies#MAX_CANDIDATES}
     */
    public List<String> tokens(HttpServletRequest request) {
        List<String> tokens = new ArrayList<>(1);
        if (header != null) {
            Enumeration<String> values = request.getHeaders(header);
            int looked = 0;
            while (values != null && values.hasMoreElements() && looked < SessionCookies.MAX_CANDIDATES) {
                String value = values.nextElement().trim();
                looked++;
                String token = value.isEmpty() ? null : signer.verify(value);
                if (token != null && !tokens.contains(token)) {
                    tokens.add(token);
                }
            }
        }
        if (cookies != null) {
            cookies.addTokens(request, tokens);
        }
        return tokens;
    }

    /**
     * The tokens of a request known only by its headers, such as a WebSocket handshake: the session header,
     * then each value of the session cookie in the {@code Cookie} headers; verified, at most
     * {@link SessionCookies#MAX_CANDIDATES}.
     *
     * @param headers header name (as the container spells it) to values
     * @return verified session IDs, possibly empty; always empty for a client-side store
     */
    public List<String> tokens(java.util.Map<String, List<String>> headers) {
        List<String> tokens = new ArrayList<>(1);
        if (signer == null) {
            return tokens;
        }
        List<String> candidates = new ArrayList<>();
        for (java.util.Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (header != null && entry.getKey().equalsIgnoreCase(header)) {
                candidates.addAll(0, entry.getValue());
            } else if (cookies != null && entry.getKey().equalsIgnoreCase("Cookie")) {
                for (String line : entry.getValue()) {
                    for (String pair : line.split(";")) {
                        int equals = pair.indexOf('=');
                        if (equals > 0 && pair.substring(0, equals).trim().equals(cookies.name())) {
                            candidates.add(pair.substring(equals + 1).trim());
                        }
                    }
                }
            }
        }
        for (String value : candidates.subList(0, Math.min(candidates.size(), SessionCookies.MAX_CANDIDATES))) {
            String token = value.isEmpty() ? null : signer.verify(value);
            if (token != null && !tokens.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * @param request the request
     * @return whether the request carries a session token at all, valid or not
     */
    public boolean present(HttpServletRequest request) {
        if (header != null) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return cookies != null && cookies.present(request);
    }

    /**
     * Sends the token: the cookie, and the response header with the signed ID.
     *
     * @param request       the request
     * @param response      the response, not yet committed
     * @param token         the session ID or sealed session
     * @param maxAgeSeconds the cookie's Max-Age, or -1 for a browser-session cookie
     */
    public void write(HttpServletRequest request, HttpServletResponse response, String token, long maxAgeSeconds) {
        if (cookies != null) {
            cookies.write(request, response, token, maxAgeSeconds);
        }
        if (header != null) {
            response.setHeader(header, signer.sign(token));
        }
    }

    /**
     * Tells the client the session ended: deletes the cookie, and sends the header empty.
     *
     * @param request  the request
     * @param response the response, not yet committed
     */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        if (cookies != null) {
            cookies.clear(request, response);
        }
        if (header != null) {
            response.setHeader(header, "");
        }
    }
}
