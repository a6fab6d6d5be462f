package dev.sessionkit.sample;

import dev.sessionkit.sample.pages.Pages;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.SetCookie;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code @WebFilter} variant, found by the container's own annotation scan instead of web.xml. */
class AnnotatedSessionFilterTest {

    @Test
    void containerFindsTheAnnotatedFilterAndItsInitParams() {
        JettyServer.Builder builder = JettyServer.builder().annotatedClasses(AnnotatedSessionFilter.class);
        Pages.servlets().forEach((path, servlet) -> builder.servlet(servlet, path));
        try (JettyServer jetty = builder.start()) {
            CookieClient browser = new CookieClient();
            HttpResponse<String> first = browser.get(jetty.uri("/"));
            assertEquals(200, first.statusCode(), first.body());
            assertTrue(first.body().contains("id=\"visits\">1<"), first.body());
            SetCookie cookie = browser.lastSetCookie("SESSION");
            assertTrue(cookie.has("HttpOnly"));
            assertFalse(cookie.has("Secure"), "cookie.secure=false from the annotation's init-params");
            assertTrue(browser.get(jetty.uri("/")).body().contains("id=\"visits\">2<"));
        }
    }
}
