package dev.sessionkit.bench.load;

import dev.sessionkit.bench.fixtures.SessionFixtures;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one endpoint every contender serves, identical for all.
 *
 * <ul>
 *   <li>{@code /login} creates a session holding four small attributes ({@link SessionFixtures#small}).</li>
 *   <li>{@code /anon} (the flood run) calls {@code getSession()} and reads the {@code user} attribute, as a
 *       page does for an anonymous visitor; {@code /count} answers the store's live-session count, or -1.</li>
 *   <li>{@code /bench} reads the {@code user} attribute; 1 request in 10 (a shared counter) also sets
 *       {@code visits}. {@code ?w=1} / {@code ?w=0} force a write or a read, for the round-trip probe.
 *       When sessions are expected and none is found, it answers 409, which wrk counts as an error.</li>
 * </ul>
 */
final class BenchServlet extends HttpServlet {

    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicInteger LOGINS = new AtomicInteger();

    private final boolean login;
    private final boolean sessionsExpected;

    BenchServlet(boolean login, boolean sessionsExpected) {
        this.login = login;
        this.sessionsExpected = sessionsExpected;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        if (path.equals("/count")) {
            response.getWriter().println(dev.sessionkit.filter.Sessions.admin(request).map(a -> a.count()).orElse(-1L));
            return;
        }
        if (path.equals("/anon")) {
            request.getSession().getAttribute("user");
        }
        int status = login ? login(request) : path.equals("/anon") ? 200 : bench(request);
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }

    private int login(HttpServletRequest request) {
        if (!sessionsExpected) {
            return 200;
        }
        HttpSession session = request.getSession(true);
        for (Map.Entry<String, Object> attribute : SessionFixtures.small(LOGINS.incrementAndGet()).entrySet()) {
            session.setAttribute(attribute.getKey(), attribute.getValue());
        }
        return 200;
    }

    private int bench(HttpServletRequest request) {
        String query = request.getQueryString();
        boolean write = query == null ? REQUESTS.incrementAndGet() % 10 == 0 : query.equals("w=1");
        HttpSession session = request.getSession(false);
        if (session == null) {
            return sessionsExpected ? 409 : 200;
        }
        Object user = session.getAttribute("user");
        if (user == null) {
            return 409;
        }
        if (write) {
            session.setAttribute("visits", REQUESTS.get());
        }
        return 200;
    }
}
