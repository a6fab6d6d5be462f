package dev.sessionkit.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * The request the application sees: its session methods are backed by sessionkit, not the container.
 */
final class SessionRequest extends HttpServletRequestWrapper {

    private final RequestSessions sessions;
    private final SessionResponse response;

    /**
     * @param request  the container's request
     * @param response the wrapped response handed down the chain
     * @param sessions this request's session state
     */
    public SessionRequest(HttpServletRequest request, SessionResponse response, RequestSessions sessions) {
        super(request);
        this.sessions = sessions;
        this.response = response;
    }

    /** @return this request's session state */
    public RequestSessions sessions() {
        return sessions;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return sessions.session(create);
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public String changeSessionId() {
        SessionImpl session = sessions.session(false);
        if (session == null) {
            throw new IllegalStateException("No session is associated with this request");
        }
        return session.rotate();
    }

    @Override
    public String getRequestedSessionId() {
        return sessions.requestedSessionId();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return sessions.requestedSessionIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return sessions.requestedSessionId() != null && sessions.cookieTransport();
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    @Override
    public AsyncContext startAsync() {
        // The container's own startAsync() would hand async code the unwrapped request and response,
        // bypassing the session and the save-before-commit hooks.
        return startAsync(this, response);
    }
}
