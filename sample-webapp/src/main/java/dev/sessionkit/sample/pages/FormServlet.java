package dev.sessionkit.sample.pages;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** A servlet whose POSTs are answered only when they carry the session's CSRF token; others get 403. */
abstract class FormServlet extends HttpServlet {

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Csrf.isValid(request)) {
            Html.render(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", """
                    <div class="card">
                    <h1>Forbidden</h1>
                    <p class="error">The form's security token is missing or out of date.</p>
                    <p>Your session may have expired, or the form came from another site. Go back, reload the page
                    and send the form again.</p>
                    </div>
                    """);
            return;
        }
        post(request, response);
    }

    /**
     * Handles a POST whose CSRF token was valid.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException when the client is gone
     */
    protected abstract void post(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
