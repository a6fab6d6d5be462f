package dev.sessionkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionkit.testing.fixtures.AnnotatedGreetingFilter;
import dev.sessionkit.testing.fixtures.AnnotatedTextServlet;
import dev.sessionkit.testing.fixtures.AsyncServlet;
import dev.sessionkit.testing.fixtures.CookieSettingFilter;
import dev.sessionkit.testing.fixtures.GreetingFilter;
import dev.sessionkit.testing.fixtures.RedirectServlet;
import dev.sessionkit.testing.fixtures.StartupListener;
import dev.sessionkit.testing.fixtures.TextServlet;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServletContainer} must do, proven against a real container by each subclass.
 * (Not named *Test: surefire runs the subclasses, each in the execution its container needs.)
 */
public abstract class ServletContainerContract {

    private final CookieClient client = new CookieClient();

    /** A fresh builder for the container under test. */
    protected abstract ContainerBuilder<?, ?> builder();

    @Test
    void servesAFilterAndAServletOnLoopbackAtAFreePort() {
        try (ServletContainer server = builder()
                .filter(new CookieSettingFilter(), "/*")
                .servlet(new TextServlet(), "/hello")
                .start()) {
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
            assertTrue(server.port() > 0);

            HttpResponse<String> response = client.get(server.uri("/hello"));

            assertEquals(200, response.statusCode());
            assertEquals(TextServlet.BODY, response.body());
            assertEquals("yes", client.cookie(CookieSettingFilter.NAME));
        }
    }

    @Test
    void redirectThroughAFilterWorks() {
        try (ServletContainer server = builder()
                .filter(new CookieSettingFilter(), "/*")
                .servlet(RedirectServlet.class, "/redirect")
                .servlet(TextServlet.class, "/hello")
                .start()) {
            HttpResponse<String> redirect = client.get(server.uri("/redirect"));

            assertEquals(302, redirect.statusCode());
            assertEquals("yes", client.cookie(CookieSettingFilter.NAME));
            HttpResponse<String> target = client.follow(redirect);
            assertEquals(server.uri("/hello"), target.uri());
            assertEquals(TextServlet.BODY, target.body());
        }
    }

    @Test
    void filterClassIsInstantiatedWithItsInitParameters() {
        try (ServletContainer server = builder()
                .filter(GreetingFilter.class, Map.of(GreetingFilter.PARAMETER, "hi"), "/*")
                .servlet(TextServlet.class, "/hello")
                .start()) {
            HttpResponse<String> response = client.get(server.uri("/hello"));

            assertEquals("hi", response.headers().firstValue(GreetingFilter.HEADER).orElseThrow());
        }
    }

    @Test
    void filterInitFailureFailsTheStartWithItsCause() {
        ContainerBuilder<?, ?> builder = builder()
                .filter(GreetingFilter.class, Map.of(), "/*")
                .servlet(TextServlet.class, "/hello");

        IllegalStateException failure = assertThrows(IllegalStateException.class, builder::start);

        assertTrue(causes(failure, GreetingFilter.MISSING_PARAMETER), () -> "cause not reported: " + failure);
    }

    @Test
    void asyncServletAnswersThroughAFilter() {
        try (ServletContainer server = builder()
                .filter(new CookieSettingFilter(), "/*")
                .servlet(AsyncServlet.class, "/async")
                .start()) {
            HttpResponse<String> response = client.get(server.uri("/async"));

            assertEquals(200, response.statusCode());
            assertEquals(AsyncServlet.BODY, response.body());
            assertEquals("yes", client.cookie(CookieSettingFilter.NAME));
        }
    }

    @Test
    void listenerSeesTheContextStart() {
        try (ServletContainer server = builder().listener(new StartupListener()).start()) {
            assertEquals(Boolean.TRUE, server.servletContext().getAttribute(StartupListener.ATTRIBUTE));
        }
    }

    @Test
    void contextPathPrefixesEveryUri() {
        try (ServletContainer server = builder()
                .contextPath("/app")
                .servlet(RedirectServlet.class, "/redirect")
                .servlet(TextServlet.class, "/hello")
                .start()) {
            assertEquals("/app", server.contextPath());
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/app/"), server.uri());

            HttpResponse<String> target = client.follow(client.get(server.uri("/redirect")));

            assertEquals(server.uri("/hello"), target.uri());
            assertEquals(TextServlet.BODY, target.body());
        }
    }

    @Test
    void unmappedPathsStillPassThroughFilters() {
        try (ServletContainer server = builder().filter(new CookieSettingFilter(), "/*").start()) {
            HttpResponse<String> response = client.get(server.uri("/nothing-here"));

            assertEquals(404, response.statusCode());
            assertEquals("yes", client.cookie(CookieSettingFilter.NAME));
        }
    }

    @Test
    void webXmlFilterIsAppliedWithItsInitParameters() {
        try (ServletContainer server = builder().webAppResource("webapps/greeting").start()) {
            HttpResponse<String> response = client.get(server.uri("/hello"));

            assertEquals(TextServlet.BODY, response.body());
            assertEquals("hello from web.xml", response.headers().firstValue(GreetingFilter.HEADER).orElseThrow());
        }
    }

    @Test
    void programmaticRegistrationsComeAfterWebXml() {
        try (ServletContainer server = builder()
                .webAppResource("webapps/greeting")
                .filter(new CookieSettingFilter(), "/*")
                .servlet(RedirectServlet.class, "/redirect")
                .start()) {
            HttpResponse<String> redirect = client.get(server.uri("/redirect"));

            assertEquals(302, redirect.statusCode());
            assertEquals("hello from web.xml", redirect.headers().firstValue(GreetingFilter.HEADER).orElseThrow());
            assertEquals("yes", client.cookie(CookieSettingFilter.NAME));
            assertEquals(TextServlet.BODY, client.follow(redirect).body());
        }
    }

    @Test
    void annotatedFilterAndServletAreFoundByScanning() {
        try (ServletContainer server = builder()
                .annotatedClasses(AnnotatedGreetingFilter.class, AnnotatedTextServlet.class)
                .start()) {
            HttpResponse<String> response = client.get(server.uri(AnnotatedTextServlet.PATH));

            assertEquals(TextServlet.BODY, response.body());
            assertEquals(
                    AnnotatedGreetingFilter.GREETING,
                    response.headers().firstValue(GreetingFilter.HEADER).orElseThrow());
        }
    }

    @Test
    void closeStopsServingAndMayBeRepeated() {
        ServletContainer server = builder().servlet(TextServlet.class, "/hello").start();
        URI hello = server.uri("/hello");
        assertEquals(200, client.get(hello).statusCode());

        server.close();
        server.close();

        assertThrows(UncheckedIOException.class, () -> client.get(hello));
    }

    private static boolean causes(Throwable failure, String message) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(message)) {
                return true;
            }
        }
        return false;
    }
}
