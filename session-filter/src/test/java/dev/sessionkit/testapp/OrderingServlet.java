package dev.sessionkit.testapp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The servlet of the request-ordering tests: a read-modify-write counter, and requests that hold their
 * session while the test says so, throw, or finish asynchronously.
 */
public final class OrderingServlet extends HttpServlet {

    /** Counted down when a holding request (hold, async-inc) is inside the application. */
    public final CountDownLatch entered = new CountDownLatch(1);
    /** Lets a holding request finish. */
    public final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        int count = session.getAttribute("count") == null ? 0 : (Integer) session.getAttribute("count");
        switch (request.getPathInfo()) {
            case "/inc" -> {
                pause(20); // widens the window in which an unordered request would read the same count
                session.setAttribute("count", count + 1);
                response.getWriter().write(Integer.toString(count + 1));
            }
            case "/count" -> response.getWriter().write(Integer.toString(count));
            case "/hold" -> {
                entered.countDown();
                await(release);
                response.getWriter().write("held");
                response.flushBuffer(); // reaches the network even when the client has gone away meanwhile
            }
            case "/throw" -> throw new IllegalStateException("thrown on purpose by the ordering test");
            case "/send-error" -> response.sendError(418, "answered with sendError on purpose");
            case "/async-inc" -> {
                AsyncContext async = request.startAsync();
                async.setTimeout(60_000);
                Thread later = new Thread(() -> {
                    await(release);
                    session.setAttribute("count", count + 1);
                    try {
                        async.getResponse().getWriter().write(Integer.toString(count + 1));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    async.complete();
                });
                later.start();
                entered.countDown();
            }
            default -> response.sendError(404);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the holding request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
