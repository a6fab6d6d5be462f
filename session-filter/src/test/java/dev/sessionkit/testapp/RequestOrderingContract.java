package dev.sessionkit.testapp;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionLock;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-session request ordering ({@code lock=true}) over HTTP, on embedded Jetty unless a subclass names
 * another container: subclasses supply the store.
 * Each test starts its own server with the lock settings it needs.
 */
public abstract class RequestOrderingContract {

    protected static final String SECRET = "ordering-secret-0123456789-abcdefghijkl";
    private static final int CONCURRENT = 8;

    protected SessionStore store;
    protected OrderingServlet servlet;
    protected ServletContainer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @return a fresh store, not started: the filter starts it */
    protected abstract SessionStore newStore();

    /** @return the container under test; embedded Jetty unless overridden */
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }

    protected void start(SessionLock lock) {
        store = newStore();
        servlet = new OrderingServlet();
        server = container()
                .filter(new SessionFilter(SessionConfig.builder().secret(SECRET).secure(false).store(store).lock(lock).build()), "/*")
                .servlet(servlet, "/o/*")
                .start();
    }

    @AfterEach
    void stopServer() {
        if (servlet != null) {
            servlet.release.countDown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void concurrentReadModifyWritesOfOneSessionAllSurvive() throws Exception {
        start(new SessionLock(Duration.ofSeconds(30), Duration.ofSeconds(30), 503));
        String cookie = newSession();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            requests.add(sendAsync("/o/inc", cookie));
        }
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            HttpResponse<String> response = request.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(Integer.toString(CONCURRENT + 1), send("/o/count", cookie).body(),
                "every increment read the count the previous one saved");
    }

    @Test
    public void requestsOfTwoSessionsDoNotWaitForEachOther() throws Exception {
        start(new SessionLock(Duration.ofSeconds(5), Duration.ofSeconds(30), 503));
        String first = newSession();
        String second = newSession();
        CompletableFuture<HttpResponse<String>> holding = hold(first);

        HttpResponse<String> other = send("/o/inc", second);

        assertEquals(200, other.statusCode(), "another session's request ran while the first session's lock was held");
        assertFalse(holding.isDone());
        servlet.release.countDown();
        assertEquals(200, holding.get(30, TimeUnit.SECONDS).statusCode());
    }

    @Test
    public void aRequestThatWaitsInVainGetsTheBusyStatusNotAnError() throws Exception {
        start(new SessionLock(Duration.ofMillis(300), Duration.ofSeconds(30), 503));
        String cookie = newSession();
        CompletableFuture<HttpResponse<String>> holding = hold(cookie);

        HttpResponse<String> refused = send("/o/inc", cookie);

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals("text/plain;charset=utf-8", refused.headers().firstValue("Content-Type").orElse("").toLowerCase());
        assertTrue(refused.body().contains("Another request of this session is in progress"), refused.body());
        assertFalse(holding.isDone(), "refused while the holder was still inside, not after it");
        servlet.release.countDown();
        assertEquals(200, holding.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals("1", send("/o/count", cookie).body(), "the refused request changed nothing");
    }

    @Test
    public void aHolderThatNeverReleasesBlocksTheSessionOnlyUntilTheLockExpires() throws Exception {
        start(new SessionLock(Duration.ofSeconds(30), Duration.ofSeconds(30), 503));
        String cookie = newSession();
        String lineage = cookie.substring(0, SessionIds.LINEAGE_LENGTH);
        assertTrue(store.locks().orElseThrow().acquire(lineage, "a-node-that-crashed", Duration.ofMillis(1500), Duration.ZERO));
        long start = System.nanoTime();

        HttpResponse<String> response = send("/o/inc", cookie);

        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("2", response.body());
        assertTrue(waitedMillis >= 1000, "the request waited for the crashed holder's lock, " + waitedMillis + " ms");
    }

    @Test
    public void aRequestThatThrowsReleasesItsLock() throws Exception {
        start(new SessionLock(Duration.ofSeconds(3), Duration.ofSeconds(60), 503));
        String cookie = newSession();

        assertEquals(500, send("/o/throw", cookie).statusCode());

        HttpResponse<String> next = send("/o/inc", cookie);
        assertEquals(200, next.statusCode(), "the next request got the lock: " + next.body());
        assertEquals("2", next.body());
    }

    @Test
    public void aRequestAnsweredWithSendErrorReleasesItsLock() throws Exception {
        start(new SessionLock(Duration.ofSeconds(3), Duration.ofSeconds(60), 503));
        String cookie = newSession();

        assertEquals(418, send("/o/send-error", cookie).statusCode());

        HttpResponse<String> next = send("/o/inc", cookie);
        assertEquals(200, next.statusCode(), "the next request got the lock: " + next.body());
    }

    @Test
    public void aRequestWhoseClientWentAwayReleasesItsLockWhenItEnds() throws Exception {
        start(new SessionLock(Duration.ofSeconds(3), Duration.ofSeconds(60), 503));
        String cookie = newSession();
        URI uri = server.uri("/o/hold");
        try (Socket client = new Socket(uri.getHost(), uri.getPort())) {
            client.getOutputStream().write(("GET /o/hold HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nCookie: SESSION="
                    + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            assertTrue(servlet.entered.await(30, TimeUnit.SECONDS));
        }
        servlet.release.countDown();

        HttpResponse<String> next = send("/o/inc", cookie);
        assertEquals(200, next.statusCode(), "the next request got the lock: " + next.body());
        assertEquals("2", next.body());
    }

    @Test
    public void anAsyncRequestHoldsItsLockUntilItCompletes() throws Exception {
        start(new SessionLock(Duration.ofSeconds(30), Duration.ofSeconds(60), 503));
        String cookie = newSession();
        CompletableFuture<HttpResponse<String>> async = sendAsync("/o/async-inc", cookie);
        assertTrue(servlet.entered.await(30, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> next = sendAsync("/o/inc", cookie);
        Thread.sleep(300);
        assertFalse(next.isDone(), "the next request waits while the async request has not completed");

        servlet.release.countDown();

        assertEquals("2", async.get(30, TimeUnit.SECONDS).body());
        assertEquals("3", next.get(30, TimeUnit.SECONDS).body(), "it read what the async request saved");
        HttpResponse<String> after = send("/o/inc", cookie);
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("4", after.body());
    }

    /** Sends a request that holds its session's lock until the servlet's release, once it is inside. */
    protected CompletableFuture<HttpResponse<String>> hold(String cookie) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> holding = sendAsync("/o/hold", cookie);
        assertTrue(servlet.entered.await(30, TimeUnit.SECONDS), "the holding request reached the servlet");
        return holding;
    }

    /** @return the Cookie header value of a new session whose count is 1 */
    protected String newSession() {
        CookieClient browser = new CookieClient();
        HttpResponse<String> first = browser.get(server.uri("/o/inc"));
        assertEquals(200, first.statusCode(), first.body());
        return browser.cookie("SESSION");
    }

    protected HttpResponse<String> send(String path, String cookie) throws IOException, InterruptedException {
        return http.send(request(path, cookie), HttpResponse.BodyHandlers.ofString());
    }

    protected CompletableFuture<HttpResponse<String>> sendAsync(String path, String cookie) {
        return http.sendAsync(request(path, cookie), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String cookie) {
        URI uri = server.uri(path);
        return HttpRequest.newBuilder(uri).header("Cookie", "SESSION=" + cookie).timeout(Duration.ofSeconds(60)).GET().build();
    }
}
