package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /login}: the form, and the login itself, which gives the session a new ID. */
public final class LoginServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(request, response, HttpServletResponse.SC_OK, "", null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("username");
        if (!DemoUsers.check(name, request.getParameter("password"))) {
            form(request, response, HttpServletResponse.SC_UNAUTHORIZED, name == null ? "" : name,
                    "Unknown user or wrong password.");
            return;
        }
        // Rotates the session ID and renews the CSRF token: an ID or token planted or seen before login is
        // useless after it.
        Sessions.login(request, name);
        Html.redirect(request, response, "/dashboard");
    }

    private static void form(HttpServletRequest request, HttpServletResponse response, int status, String name,
                             String error) throws IOException {
        Session session = Sessions.get(request);
        String users = String.join(", ", DemoUsers.NAMES);
        Html.render(request, response, status, "Sign in", """
                <div class="card">
                <h1>Sign in</h1>
                %s
                <form method="post" action="%s" id="login-form">
                %s
                <label for="username">User name</label>
                <input id="username" name="username" value="%s" autocomplete="username" required autofocus>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <br><button class="primary" type="submit" id="sign-in">Sign in</button>
                </form>
                <p class="note">Demo users: %s. The password of each is <code>%s</code>.</p>
                </div>
                """.formatted(error == null ? "" : "<p class=\"error\" id=\"login-error\">" + Html.escape(error) + "</p>",
                Html.href(request, "/login"), Html.csrfField(request), Html.escape(name), Html.escape(users),
                Html.escape(DemoUsers.PASSWORD)));
    }
}
