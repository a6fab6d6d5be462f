package dev.sessionkit.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health servlet on embedded Jetty, registered as web.xml would (by class), beside the filter. */
class StoreHealthServletTest {

    private static final Map<String, String> MEMORY = Map.of("secret", "health-secret-0123456789abcdefghijklmn",
            "cookie.secure", "false");

    @Test
    void withTheFilterStartedItAnswers200UpAsJsonThatIsNeverCached() throws Exception {
        try (ServletContainer server = JettyServer.builder().filter(SessionFilter.class, MEMORY, "/*")
                .servlet(StoreHealthServlet.class, "/health").start()) {
            HttpResponse<String> response = new CookieClient().get(server.uri("/health"));

            assertEquals(200, response.statusCode());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertEquals("UP", body.get("status").asText());
            assertTrue(body.get("warnings").isEmpty());
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), "a probe creates no session");
        }
    }

    @Test
    void withoutAStartedFilterItAnswers503DownAndSaysWhy() throws Exception {
        try (ServletContainer server = JettyServer.builder().servlet(StoreHealthServlet.class, "/health").start()) {
            HttpResponse<String> response = new CookieClient().get(server.uri("/health"));

            assertEquals(503, response.statusCode());
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertEquals("DOWN", body.get("status").asText());
            assertTrue(body.get("warnings").get(0).asText().contains("No SessionFilter has started"), response.body());
        }
    }
}
