package dev.sessionkit.sample.pages;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code /sessions/revoke} (POST): deletes one of the signed-in user's sessions. The form names the session
 * by a hash of its ID, so pages never carry a whole ID, and only the user's own sessions can match.
 */
public final class RevokeServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Session> found = Sessions.find(request);
        String principal = found.map(Session::getPrincipal).orElse(null);
        Optional<SessionAdmin> admin = Sessions.admin(request);
        if (principal == null) {
            Html.redirect(request, response, "/login");
            return;
        }
        if (admin.isEmpty()) {
            Html.redirect(request, response, "/dashboard");
            return;
        }
        String handle = request.getParameter("session");
        Optional<SessionInfo> target = admin.get().sessionsOf(principal).stream()
                .filter(info -> handle(info.id()).equals(handle))
                .findFirst();
        if (target.isPresent() && target.get().id().equals(found.get().getId())) {
            Sessions.logout(request);
            Html.redirect(request, response, "/login");
            return;
        }
        target.ifPresent(info -> admin.get().delete(info.id()));
        Html.redirect(request, response, "/dashboard");
    }

    /**
     * @param id a session ID
     * @return a name for it that reveals nothing of the ID
     */
    static String handle(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
