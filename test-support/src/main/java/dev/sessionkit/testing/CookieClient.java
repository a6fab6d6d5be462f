package dev.sessionkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP/1.1 client that keeps cookies like a browser talking to a single host.
 *
 * <p>Cookies set by any response are stored by name and sent with every later request, ignoring
 * {@code Domain} and {@code Path}; a {@code Set-Cookie} with a non-positive {@code Max-Age} or a past
 * {@code Expires} removes the cookie, and cookies whose lifetime ends are dropped. {@code Secure}
 * cookies are sent over plain {@code http://} too, as browsers do for localhost; that is why this
 * does not use {@link java.net.CookieManager}, which withholds them.
 *
 * <p>Redirects are never followed automatically; {@link #follow(HttpResponse)} does one hop so tests
 * can look at each response. Connects and whole exchanges time out after 5 seconds. Failures surface
 * as unchecked exceptions. Instances are thread-safe; {@link #lastSetCookies()} describes whichever
 * response completed last.
 */
public final class CookieClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
    private final Map<String, StoredCookie> jar = new LinkedHashMap<>();
    private volatile List<SetCookie> lastSetCookies = List.of();

    /** A value and the instant it expires, null meaning at the end of the browser session. */
    private record StoredCookie(String value, Instant expiry) {
        boolean isExpired(Instant now) {
            return expiry != null && !expiry.isAfter(now);
        }
    }

    /** Sends a GET to {@code uri}. */
    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    /** Sends a POST of {@code form} to {@code uri}, URL-encoded in UTF-8, in the map's iteration order. */
    public HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Sends {@code request} with the jar's cookies, unless it already carries a {@code Cookie} header,
     * which is then sent untouched; cookies the response sets are stored either way.
     */
    public HttpResponse<String> send(HttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        if (request.timeout().isEmpty()) {
            builder.timeout(TIMEOUT);
        }
        if (request.headers().firstValue("Cookie").isEmpty()) {
            String cookies = cookieHeader();
            if (!cookies.isEmpty()) {
                builder.header("Cookie", cookies);
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
        store(response);
        return response;
    }

    /**
     * Follows one redirect: a GET of {@code redirect}'s {@code Location}, resolved against the URI
     * that produced it.
     *
     * @throws IllegalArgumentException if {@code redirect} has no {@code Location} header
     */
    public HttpResponse<String> follow(HttpResponse<?> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow(() -> new IllegalArgumentException(
                "HTTP " + redirect.statusCode() + " from " + redirect.request().uri() + " has no Location header"));
        return get(redirect.request().uri().resolve(location));
    }

    /** The value of the live cookie {@code name} in the jar, or null. */
    public synchronized String cookie(String name) {
        dropExpired();
        StoredCookie cookie = jar.get(name);
        return cookie == null ? null : cookie.value();
    }

    /** All live cookies in the jar, name to value, in the order they were first set. */
    public synchronized Map<String, String> cookies() {
        dropExpired();
        Map<String, String> cookies = new LinkedHashMap<>();
        jar.forEach((name, cookie) -> cookies.put(name, cookie.value()));
        return cookies;
    }

    /** Puts a session cookie into the jar, replacing any of that name, e.g. to send a tampered value. */
    public synchronized void setCookie(String name, String value) {
        jar.put(name, new StoredCookie(value, null));
    }

    /** Empties the jar, as closing every browser window would. */
    public synchronized void clearCookies() {
        jar.clear();
    }

    /**
     * The {@code Set-Cookie} headers of the last response, parsed, in order; empty if it had none.
     * Headers a browser would ignore are left out; the raw ones are in the response's headers.
     */
    public List<SetCookie> lastSetCookies() {
        return lastSetCookies;
    }

    /** The last {@code Set-Cookie} header for {@code name} in the last response, or null if none. */
    public SetCookie lastSetCookie(String name) {
        SetCookie found = null;
        for (SetCookie cookie : lastSetCookies) {
            if (cookie.name().equals(name)) {
                found = cookie;
            }
        }
        return found;
    }

    private synchronized String cookieHeader() {
        dropExpired();
        return jar.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue().value())
                .collect(Collectors.joining("; "));
    }

    private synchronized void store(HttpResponse<?> response) {
        Instant now = Instant.now();
        List<SetCookie> received = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            SetCookie cookie = SetCookie.parseOrNull(header);
            if (cookie == null) {
                continue;
            }
            received.add(cookie);
            StoredCookie stored = new StoredCookie(cookie.value(), cookie.expiry(now));
            if (stored.isExpired(now)) {
                jar.remove(cookie.name());
            } else {
                jar.put(cookie.name(), stored);
            }
        }
        lastSetCookies = List.copyOf(received);
    }

    private void dropExpired() {
        Instant now = Instant.now();
        for (Iterator<StoredCookie> cookies = jar.values().iterator(); cookies.hasNext(); ) {
            if (cookies.next().isExpired(now)) {
                cookies.remove();
            }
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
