package dev.sessionkit;

import jakarta.servlet.http.HttpSession;

/**
 * The {@link HttpSession} that {@link dev.sessionkit.filter.SessionFilter} hands out, with what the servlet API lacks.
 *
 * <p>Obtain it with {@code (Session) request.getSession()} or through {@link dev.sessionkit.filter.Sessions}. One instance
 * serves one request; it is safe to use from the request's threads (including async ones) but must not
 * be kept beyond the request.
 *
 * <p>Attribute values are saved as JSON when the response is committed. A value changed in place after
 * {@code setAttribute} is saved with that request; one read with {@code getAttribute} and changed in
 * place is saved only when {@link #markDirty(String)} is called, or when the filter's {@link dev.sessionkit.config.SaveMode}
 * says so.
 */
public interface Session extends HttpSession {

    /**
     * Gives the session a new ID and keeps its data; the old ID is dead when this returns. Call it on
     * every change of privilege (login, logout to a lower role, password change) to stop session
     * fixation. The new ID reaches the browser with this response.
     *
     * @return the new ID
     * @throws IllegalStateException when the session was invalidated or has meanwhile been deleted
     */
    String rotate();

    /**
     * Saves an attribute with this request although it was only read, for values changed in place.
     *
     * @param name an attribute name; an absent attribute is ignored
     * @throws IllegalStateException when the session was invalidated
     */
    void markDirty(String name);

    /**
     * @return the user this session was logged in for with {@link dev.sessionkit.filter.Sessions#login}, or null
     * @throws IllegalStateException when the session was invalidated
     */
    String getPrincipal();
}
