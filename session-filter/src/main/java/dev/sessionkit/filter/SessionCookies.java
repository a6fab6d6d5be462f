package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.ClientSideStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the session cookie. A server-side store's token is a signed ID in one cookie; a
 * client-side store's token is split over {@code NAME}, {@code NAME.1}, {@code NAME.2}… when longer than
 * {@link ClientSideStore#COOKIE_CHUNK_BYTES}. Set-Cookie headers are written by hand so every container
 * emits the same attributes.
 */
final class SessionCookies {

    /** Chunk cookies beyond this index are not looked for: no store seals more than this. */
    private static final int MAX_CHUNKS = 32;
    /**
     * Most values of the session cookie one request may have looked up (each a store read): enough for a
     * parent domain's, a path's and the host's cookie, and few enough that a header stuffed with signed
     * cookies costs a bounded number of reads.
     */
    static final int MAX_CANDIDATES = 4;

    private final SessionConfig config;
    private final CookieSigner signer;
    private final String name;

    /**
     * @param config the filter's configuration
     * @param signer signs IDs, or null for a client-side store, whose tokens are sealed already
     */
    public SessionCookies(SessionConfig config, CookieSigner signer) {
        this.config = config;
        this.signer = signer;
        this.name = config.cookieName();
    }

    /** @return the cookie's name, with its {@code __Host-} prefix when configured */
    String name() {
        return name;
    }

    /**
     * Adds the tokens the request's cookies carry to {@code tokens}, in the order to try them, while it holds
     * fewer than {@link #MAX_CANDIDATES} and skipping those it holds. A request may carry the cookie more
     * than once (a parent domain's, a path's and the host's). For signed IDs each value whose signature
     * verifies is a candidate, so an attacker's unsigned value can never displace a valid one; for sealed
     * sessions each value is a candidate (joined with the chunk cookies), so a planted value cannot displace
     * one that opens.
     *
     * @param request the request
     * @param tokens  the candidates found so far, added to
     */
    public void addTokens(HttpServletRequest request, List<String> tokens) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return;
        }
        String chunks = signer == null ? joinChunks(cookies) : null;
        for (Cookie cookie : cookies) {
            if (tokens.size() >= MAX_CANDIDATES) {
                break;
            }
            if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                String token = signer != null ? signer.verify(cookie.getValue()) : cookie.getValue() + chunks;
                if (token != null && !tokens.contains(token)) {
                    tokens.add(token);
                }
            }
        }
    }

    /**
     * Finds the values of the session cookie that are not signed IDs, for a migration to adopt (a sealed
     * session of the old cookie store, another library's session ID), at most {@link #MAX_CANDIDATES}.
     *
     * @param request the request
     * @return the unsigned values, each joined with the chunk cookies; empty for a client-side store
     */
    public List<String> unsignedValues(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        List<String> values = new ArrayList<>(1);
        if (cookies == null || signer == null) {
            return values;
        }
        String chunks = joinChunks(cookies);
        for (Cookie cookie : cookies) {
            if (values.size() == MAX_CANDIDATES) {
                break;
            }
            if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty() && signer.verify(cookie.getValue()) == null) {
                String value = cookie.getValue() + chunks;
                if (!values.contains(value)) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /**
     * @param request the request
     * @return whether the request carries a session cookie at all, valid or not
     */
    public boolean present(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Writes the cookie for a token, and deletes chunk cookies the request carried beyond the new count.
     *
     * @param request    the request, for the context path and the chunks it carried
     * @param response   the response, not yet committed
     * @param token      the session ID (signed here) or the sealed session
     * @param maxAgeSeconds the Max-Age for a persistent cookie, or -1 for a browser-session cookie
     */
    public void write(HttpServletRequest request, HttpServletResponse response, String token, long maxAgeSeconds) {
        if (signer != null) {
            response.addHeader("Set-Cookie", header(request, name, signer.sign(token), maxAgeSeconds));
            deleteChunksFrom(request, response, 1); // left by a sealed session that a migration adopted
            return;
        }
        int chunks = (token.length() + ClientSideStore.COOKIE_CHUNK_BYTES - 1) / ClientSideStore.COOKIE_CHUNK_BYTES;
        for (int i = 0; i < chunks; i++) {
            int from = i * ClientSideStore.COOKIE_CHUNK_BYTES;
            String part = token.substring(from, Math.min(token.length(), from + ClientSideStore.COOKIE_CHUNK_BYTES));
            response.addHeader("Set-Cookie", header(request, chunkName(i), part, maxAgeSeconds));
        }
        deleteChunksFrom(request, response, Math.max(chunks, 1));
    }

    /**
     * Deletes the session cookie and every chunk the request carried.
     *
     * @param request  the request
     * @param response the response, not yet committed
     */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, name, "", 0));
        deleteChunksFrom(request, response, 1);
    }

    private void deleteChunksFrom(HttpServletRequest request, HttpServletResponse response, int first) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return;
        }
        for (Cookie cookie : cookies) {
            int index = chunkIndex(cookie.getName());
            if (index >= first) {
                response.addHeader("Set-Cookie", header(request, cookie.getName(), "", 0));
            }
        }
    }

    /** @return the values of the chunk cookies {@code NAME.1}, {@code NAME.2}… joined in order, possibly empty */
    private String joinChunks(Cookie[] cookies) {
        String[] parts = new String[MAX_CHUNKS];
        for (Cookie cookie : cookies) {
            int index = chunkIndex(cookie.getName());
            if (index > 0 && parts[index] == null) {
                parts[index] = cookie.getValue();
            }
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 1; i < MAX_CHUNKS && parts[i] != null; i++) {
            joined.append(parts[i]);
        }
        return joined.toString();
    }

    private String chunkName(int index) {
        return index == 0 ? name : name + '.' + index;
    }

    private int chunkIndex(String cookieName) {
        if (cookieName.equals(name)) {
            return 0;
        }
        if (!cookieName.startsWith(name) || cookieName.length() < name.length() + 2 || cookieName.charAt(name.length()) != '.') {
            return -1;
        }
        try {
            int index = Integer.parseInt(cookieName.substring(name.length() + 1));
            return index > 0 && index < MAX_CHUNKS ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String header(HttpServletRequest request, String cookieName, String value, long maxAgeSeconds) {
        StringBuilder h = new StringBuilder(cookieName.length() + value.length() + 80);
        h.append(cookieName).append('=').append(value);
        h.append("; Path=").append(path(request));
        if (config.cookieDomain() != null) {
            h.append("; Domain=").append(config.cookieDomain());
        }
        if (maxAgeSeconds >= 0) {
            h.append("; Max-Age=").append(maxAgeSeconds);
            if (maxAgeSeconds == 0) {
                h.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        if (config.secure()) {
            h.append("; Secure");
        }
        h.append("; HttpOnly; SameSite=").append(config.sameSite().attribute());
        return h.toString();
    }

    private String path(HttpServletRequest request) {
        if (config.cookiePath() != null) {
            return config.cookiePath();
        }
        String context = request.getContextPath();
        return context == null || context.isEmpty() ? "/" : context;
    }
}
