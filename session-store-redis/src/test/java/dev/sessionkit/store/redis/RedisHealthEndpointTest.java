package dev.sessionkit.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.filter.StoreHealthServlet;
import dev.sessionkit.testapp.SessionServlet;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health servlet and {@code store.check-on-start} with a Redis store configured by init-params, as
 * web.xml does it, on embedded Jetty against real redis-server processes.
 */
class RedisHealthEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEndpointFollowsRedisUpDegradedAndDown() throws Exception {
        try (RedisServer redis = RedisServer.start("--notify-keyspace-events", "Ex");
             ServletContainer server = app(params(redis.uri())).start()) {
            CookieClient probe = new CookieClient();

            HttpResponse<String> up = probe.get(server.uri("/health"));
            assertEquals(200, up.statusCode(), up.body());
            JsonNode body = JSON.readTree(up.body());
            assertEquals("UP", body.get("status").asText());
            assertEquals("standalone", body.get("details").get("topology").asText());

            redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
            HttpResponse<String> degraded = probe.get(server.uri("/health"));
            assertEquals(200, degraded.statusCode(), "still in rotation: sessions work");
            assertEquals("DEGRADED", JSON.readTree(degraded.body()).get("status").asText());
            assertTrue(degraded.body().contains("notify-keyspace-events"), degraded.body());

            redis.stop();
            HttpResponse<String> down = probe.get(server.uri("/health"));
            assertEquals(503, down.statusCode());
            assertEquals("DOWN", JSON.readTree(down.body()).get("status").asText());
        }
    }

    @Test
    void anAclUserWithTheReadmePermissionsIsHealthyAndThePasswordNeverShows() throws Exception {
        java.util.List<String> acl = new java.util.ArrayList<>(java.util.List.of("--user", "sessionkit", "on",
                ">hunter2-is-the-redis-password", "resetkeys", "~sessionkit:*", "resetchannels", "&__keyevent@*__:expired", "-@all"));
        acl.addAll(RedisAclSessionStoreTest.README_PERMISSIONS);
        try (RedisServer redis = RedisServer.start(acl.toArray(String[]::new))) {
            String uri = "redis://sessionkit:hunter2-is-the-redis-password@" + redis.host() + ":" + redis.port();
            Map<String, String> params = params(uri);
            params.put("redis.expiry-events", "false");
            try (ServletContainer server = app(params).start()) {
                HttpResponse<String> response = new CookieClient().get(server.uri("/health"));

                assertEquals(200, response.statusCode(), response.body());
                assertEquals("UP", JSON.readTree(response.body()).get("status").asText(),
                        "the README's permissions are enough for a healthy answer: " + response.body());
                assertTrue(!response.body().contains("hunter2"), response.body());
            }
        }
    }

    @Test
    void checkOnStartFailsStartNamingTheUnreachableRedis() throws Exception {
        int deadPort = deadPort();
        Map<String, String> params = params("redis://127.0.0.1:" + deadPort);
        params.put("store.check-on-start", "true");

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> app(params).start().close());

        String message = rootMessage(failed);
        assertTrue(message.contains("store.check-on-start=true") && message.contains(String.valueOf(deadPort)), message);
    }

    @Test
    void withoutCheckOnStartTheAppStartsAndAnswers503UntilRedisIsUp() throws Exception {
        int deadPort = deadPort();
        try (ServletContainer server = app(params("redis://127.0.0.1:" + deadPort)).start()) {
            assertEquals(503, new CookieClient().get(server.uri("/s/set?name=a&value=1")).statusCode());
            assertEquals(503, new CookieClient().get(server.uri("/health")).statusCode());
        }
    }

    private static JettyServer.Builder app(Map<String, String> params) {
        return JettyServer.builder().filter(SessionFilter.class, params, "/*")
                .servlet(new SessionServlet(), "/s/*").servlet(StoreHealthServlet.class, "/health");
    }

    private static Map<String, String> params(String uri) {
        Map<String, String> params = new HashMap<>();
        params.put("secret", "health-secret-0123456789abcdefghijklmn");
        params.put("cookie.secure", "false");
        params.put("store", "redis");
        params.put("redis.uri", uri);
        params.put("redis.timeout", "500ms");
        return params;
    }

    private static int deadPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
