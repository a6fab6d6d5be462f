package dev.sessionkit.migrate;

import dev.sessionkit.testing.CookieClient;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two cookie jars holding the same {@code SESSION} cookie ask {@code /me} of two instances at once.
 *
 * @param first  the jar that asked the first instance
 * @param second the jar that asked the second instance
 * @param bodies their answers, the first instance's first
 */
record Race(CookieClient first, CookieClient second, List<String> bodies) {

    static Race forCookie(String cookie, App one, App two) {
        CookieClient first = new CookieClient();
        CookieClient second = new CookieClient();
        first.setCookie("SESSION", cookie);
        second.setCookie("SESSION", cookie);
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> first.get(one.uri("/me")));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> second.get(two.uri("/me")));
        return new Race(first, second, List.of(a.join().body(), b.join().body()));
    }

    /** @return the jar whose instance moved the session, after checking that exactly one did */
    CookieClient winner() {
        assertEquals(List.of("anonymous", "user=alice cart=book"), bodies.stream().sorted().toList(),
                "exactly one instance moved the session");
        return bodies.get(0).equals("anonymous") ? second : first;
    }
}
