package dev.sessionkit.filter;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.JettyServer;
import dev.sessionkit.testing.ServletContainer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session is saved and its cookie sent before the response commits, by whichever call commits it:
 * each way of writing the body, flushing, closing, an error or a redirect. The body is larger than the
 * response buffer, so the container commits during the write itself. Also what the request wrapper
 * reports of the requested ID, and what a login records. Through embedded Jetty.
 */
class SaveBeforeCommitTest {

    private static final String SECRET = "save-before-commit-secret-0123456789ab";
    private static final int BODY = 20_000;

    private final CookieClient browser = new CookieClient();
    private ServletContainer server;

    /** Sets an attribute, then commits the response the way the path names. */
    private static final class CommittingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String how = request.getPathInfo().substring(1);
            if (how.equals("read")) {
                response.getWriter().write(String.valueOf(request.getSession().getAttribute("a")));
                return;
            }
            if (how.equals("info")) {
                response.getWriter().write(request.getRequestedSessionId() + " " + request.isRequestedSessionIdValid()
                        + " " + request.isRequestedSessionIdFromCookie() + " " + request.isRequestedSessionIdFromURL());
                return;
            }
            if (how.equals("login")) {
                Sessions.login(request, "alice");
                response.getWriter().write(String.valueOf(request.getSession().getAttribute(SessionInfo.DETAILS_ATTRIBUTE)));
                return;
            }
            response.setBufferSize(1024);
            request.getSession().setAttribute("a", how);
            byte[] bytes = new byte[BODY];
            Arrays.fill(bytes, (byte) 'x');
            String text = new String(bytes, StandardCharsets.US_ASCII);
            switch (how) {
                case "stream-int" -> {
                    ServletOutputStream out = response.getOutputStream();
                    for (byte b : bytes) {
                        out.write(b);
                    }
                }
                case "stream-array" -> response.getOutputStream().write(bytes, 0, bytes.length);
                case "stream-flush" -> response.getOutputStream().flush();
                case "stream-close" -> response.getOutputStream().close();
                case "writer-int" -> {
                    PrintWriter out = response.getWriter();
                    for (byte b : bytes) {
                        out.write(b);
                    }
                }
                case "writer-chars" -> response.getWriter().write(text.toCharArray(), 0, BODY);
                case "writer-string" -> response.getWriter().write(text, 0, BODY);
                case "writer-flush" -> response.getWriter().flush();
                case "writer-close" -> response.getWriter().close();
                case "flush-buffer" -> response.flushBuffer();
                case "error" -> response.sendError(404);
                case "error-message" -> response.sendError(409, "conflict");
                case "redirect" -> response.sendRedirect("/c/read");
                default -> throw new IllegalArgumentException(how);
            }
        }
    }

    @BeforeEach
    void start() {
        SessionConfig config = SessionConfig.builder().secret(SECRET).secure(false)
                .store(InMemorySessionStore.builder().build()).build();
        server = JettyServer.builder().filter(new SessionFilter(config), "/*").servlet(new CommittingServlet(), "/c/*").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-int", "stream-array", "stream-flush", "stream-close", "writer-int", "writer-chars",
            "writer-string", "writer-flush", "writer-close", "flush-buffer", "error", "error-message", "redirect"})
    void theSessionIsSavedAndItsCookieSentBeforeTheResponseCommits(String how) {
        HttpResponse<String> response = browser.get(server.uri("/c/" + how));
        assertNotNull(browser.lastSetCookie("SESSION"), how + ": the cookie is in the committed headers");
        assertEquals(how, browser.get(server.uri("/c/read")).body(), how + ": the attribute was saved");
        if (how.startsWith("stream-int") || how.startsWith("stream-array") || how.startsWith("writer-int")
                || how.startsWith("writer-chars") || how.startsWith("writer-string")) {
            assertEquals(BODY, response.body().length(), "the body is all there");
        }
    }

    @Test
    void theRequestedIdIsTheSessionsAndValidOnlyWhileItLives() {
        assertEquals("null false false false", browser.get(server.uri("/c/info")).body());
        browser.get(server.uri("/c/flush-buffer"));
        String[] info = browser.get(server.uri("/c/info")).body().split(" ");
        assertEquals(51, info[0].length(), "the unsigned session ID: " + info[0]);
        assertEquals(List.of("true", "true", "false"), List.of(info[1], info[2], info[3]));
        browser.setCookie("SESSION", browser.cookie("SESSION").substring(0, 20) + "tampered");
        assertEquals("null false false false", browser.get(server.uri("/c/info")).body(), "a forged cookie names no ID");
    }

    @Test
    void aLoginRecordsWhereItCameFromWithTheUserAgentCut() {
        String agent = "A".repeat(300);
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(server.uri("/c/login"))
                .header("User-Agent", agent).GET().build());
        String body = response.body();
        assertTrue(body.startsWith("{"), body);
        assertTrue(body.contains("userAgent=" + "A".repeat(256) + ","), body);
        assertFalse(body.contains("A".repeat(257)), body);
        assertTrue(body.contains("ip=127.0.0.1"), body);
        HttpResponse<String> shortAgent = browser.send(HttpRequest.newBuilder(server.uri("/c/login"))
                .header("User-Agent", "B".repeat(256)).GET().build());
        assertTrue(shortAgent.body().contains("userAgent=" + "B".repeat(256) + ","), "256 characters are kept whole");
    }
}
