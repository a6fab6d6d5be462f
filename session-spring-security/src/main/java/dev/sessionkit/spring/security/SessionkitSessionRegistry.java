package dev.sessionkit.spring.security;

import dev.sessionkit.Session;
import dev.sessionkit.filter.Sessions;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionPage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Spring Security's {@link SessionRegistry} on sessionkit's per-user index ({@link SessionAdmin}), so that
 * concurrent-session control ({@code maximumSessions(n)}) counts a user's sessions on every server that
 * shares the store, and "expire the oldest" deletes that session from the store: its next request, on any
 * server, finds no session and must log in again.
 *
 * <p>{@link #registerNewSession} records the user on the current request's session (see
 * {@link Sessions#recordPrincipal}); it finds the request through Spring's {@link RequestContextHolder},
 * which Spring Boot's {@code RequestContextFilter} fills (elsewhere register {@code RequestContextListener}).
 * Principals are keyed by name: {@link UserDetails#getUsername()}, {@link AuthenticatedPrincipal#getName()},
 * {@link Principal#getName()}, else {@code toString()}.
 *
 * <p>Thread-safe. Needs a store with an admin view: a server-side store, or the cookie store with
 * {@code cookie-store.revocation} on (without it the cookie store keeps no list of sessions).
 */
public final class SessionkitSessionRegistry implements SessionRegistry {

    private static final int PAGE = 500;

    private final SessionAdmin admin;

    /**
     * @param admin the store's admin view ({@code store.admin()})
     */
    public SessionkitSessionRegistry(SessionAdmin admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Walks every session of the store: as costly as the store's listing. For an administrator's page, not
     * for a request path.
     */
    @Override
    public List<Object> getAllPrincipals() {
        Set<Object> principals = new LinkedHashSet<>();
        String cursor = null;
        do {
            SessionPage page = admin.list(cursor, PAGE);
            page.sessions().stream().map(SessionInfo::principal).filter(Objects::nonNull).forEach(principals::add);
            cursor = page.cursor();
        } while (cursor != null);
        return new ArrayList<>(principals);
    }

    /**
     * @param principal              the user, as Spring Security gives it
     * @param includeExpiredSessions ignored: an expired session is deleted, so there is none to include
     */
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        List<SessionInformation> sessions = new ArrayList<>();
        for (SessionInfo info : admin.sessionsOf(nameOf(principal))) {
            sessions.add(new StoredSessionInformation(info.principal(), info.id(), new Date(info.lastAccessedTime()), admin));
        }
        return sessions;
    }

    /**
     * Answers the current request's own session without a store call (it was just loaded, so it lives);
     * any other ID is looked up in the store.
     */
    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        Optional<Session> current = currentRequest().flatMap(Sessions::find);
        if (current.isPresent() && current.get().getId().equals(sessionId)) {
            String principal = current.get().getPrincipal();
            return principal == null ? null
                    : new StoredSessionInformation(principal, sessionId, new Date(current.get().getLastAccessedTime()), admin);
        }
        return admin.find(sessionId)
                .filter(info -> info.principal() != null)
                .map(info -> (SessionInformation) new StoredSessionInformation(info.principal(), info.id(),
                        new Date(info.lastAccessedTime()), admin))
                .orElse(null);
    }

    /** Nothing to do: the filter records each access itself (at most once per {@code touch.interval}). */
    @Override
    public void refreshLastRequest(String sessionId) {
    }

    /**
     * Records the principal on the current request's session, which Spring Security's session-fixation
     * protection has just rotated.
     *
     * @throws IllegalStateException when there is no current request, or its session is not {@code sessionId}
     */
    @Override
    public void registerNewSession(String sessionId, Object principal) {
        HttpServletRequest request = currentRequest().orElseThrow(() -> new IllegalStateException(
                "SessionkitSessionRegistry needs the current request: register Spring's RequestContextFilter"
                        + " (Spring Boot does) or RequestContextListener"));
        Session session = Sessions.find(request).orElseThrow(() -> new IllegalStateException("No session to register"));
        if (!session.getId().equals(sessionId)) {
            throw new IllegalStateException("registerNewSession was given another session than the current request's");
        }
        Sessions.recordPrincipal(request, nameOf(principal));
    }

    /** Nothing to do: a session's index entry goes with the session when the store deletes it. */
    @Override
    public void removeSessionInformation(String sessionId) {
    }

    static String nameOf(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof Principal named) {
            return named.getName();
        }
        return String.valueOf(principal);
    }

    private static Optional<HttpServletRequest> currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? Optional.of(servlet.getRequest()) : Optional.empty();
    }

    /** A session in the store; expiring it deletes it there, for every server. */
    private static final class StoredSessionInformation extends SessionInformation {

        private final transient SessionAdmin admin;

        StoredSessionInformation(Object principal, String sessionId, Date lastRequest, SessionAdmin admin) {
            super(principal, sessionId, lastRequest);
            this.admin = admin;
        }

        @Override
        public void expireNow() {
            admin.delete(getSessionId());
            super.expireNow();
        }
    }
}
