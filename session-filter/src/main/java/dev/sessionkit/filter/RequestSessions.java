package dev.sessionkit.filter;

import dev.sessionkit.Session;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The session state of one request: which session the cookie named, which session the request uses,
 * and the commit that saves it and writes the cookie.
 *
 * <p>The cookie is read lazily, on the first call that needs the session, so requests that never touch
 * the session cost nothing. Commit runs before the response's first byte and again when the request
 * ends; the second run writes only what changed after the first.
 */
final class RequestSessions {

    private static final System.Logger LOG = System.getLogger(RequestSessions.class.getName());

    private final SessionRuntime runtime;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private boolean resolved;
    private String requestedId;
    private SessionImpl requested;
    private SessionImpl current;
    private boolean cookieCleared;
    private boolean unreadableSealedCookie;
    private boolean expiredWhileLoading;
    private boolean rotatedAway;

    /**
     * @param runtime  the filter's shared state
     * @param request  the container's request
     * @param response the container's response
     */
    public RequestSessions(SessionRuntime runtime, HttpServletRequest request, HttpServletResponse response) {
        this.runtime = runtime;
        this.request = request;
        this.response = response;
    }

    /**
     * @return the store's admin view, metered like every other store call, where this request's session is
     *         listed under its own ID; empty for a store without one (the cookie store without revocation);
     *         during a rollback into the cookie store, the old store's view
     */
    public Optional<SessionAdmin> admin() {
        Optional<SessionAdmin> admin = runtime.store().admin();
        if (runtime.storeIds() == null) {
            return admin;
        }
        return admin.map(view -> new OwnSessionAdmin(view, runtime.storeIds(), this::currentId));
    }

    private synchronized String currentId() {
        return current == null || current.isInvalid() ? null : current.getId();
    }

    /**
     * Logs a user in: rotates the session (creating it when the request has none), drops its CSRF token
     * and records the principal, which the store indexes at save.
     *
     * @param principal the user name, never null
     * @return the session
     */
    public Session login(String principal) {
        SessionImpl session = session(true);
        session.rotate();
        CsrfTokens.forget(session);
        session.setPrincipal(principal);
        return session;
    }

    /**
     * Records the principal on the existing session without rotating it; see {@code Sessions.recordPrincipal}.
     *
     * @param principal the user name, never null
     * @throws IllegalStateException when the request has no session
     */
    public void recordPrincipal(String principal) {
        SessionImpl session = session(false);
        if (session == null) {
            throw new IllegalStateException("No session is associated with this request");
        }
        session.setPrincipal(principal);
    }

    synchronized SessionImpl session(boolean create) {
        resolve();
        if (current != null && !current.isInvalid()) {
            return current;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed");
        }
        current = rotatedAway ? SessionImpl.transientFor(runtime, runtime.now()) : SessionImpl.created(runtime, runtime.now());
        runtime.metrics().created();
        runtime.events().created(current);
        return current;
    }

    synchronized String requestedSessionId() {
        resolve();
        return requestedId;
    }

    /** @return whether the session token may travel in a cookie ({@code session.transport} is not header) */
    boolean cookieTransport() {
        return runtime.config().transport() != dev.sessionkit.config.Transport.HEADER;
    }

    synchronized boolean requestedSessionIdValid() {
        resolve();
        return requested != null && !requested.isInvalid() && requested == current;
    }

    /**
     * Saves what the request changed and writes or clears the cookie. Safe to call more than once.
     *
     * @throws dev.sessionkit.SessionException when an attribute cannot be encoded or the store refuses
     */
    public synchronized void commit() {
        if (current == null) {
            // A signed ID naming no session is left alone: it may be an old ID racing a rotation in
            // another request, and clearing it could delete the new cookie the browser just received.
            // A sealed session that does not open (forged, expired, retired key) is cleared, or every
            // request would try to open it again.
            if (unreadableSealedCookie) {
                clearCookie();
            }
            return;
        }
        if (current.isInvalid()) {
            if (current.isInvalidatedByApplication()) {
                clearCookie();
            }
            return;
        }
        if (isUnsaved(current)) {
            return;
        }
        SessionStore store = runtime.store();
        long now = runtime.now();
        boolean touchDue = current.isTouchDue(now, runtime.config().touchInterval().toMillis());
        boolean clientSide = runtime.clientSide();
        boolean touchNeedsWrite = touchDue && (clientSide || runtime.config().persistentCookie());
        if (current.isUnchanged(runtime.config().saveMode()) && !current.isIdChanged() && !touchNeedsWrite) {
            return; // the common read-only request: nothing to save and no cookie to write
        }
        SessionChanges changes = current.changes(runtime.config().saveMode());
        boolean save = changes.hasChanges() || (clientSide && (touchDue || current.isIdChanged()));
        String token = current.getId();
        if (save) {
            SessionData snapshot = current.snapshot(changes, now);
            token = store.save(snapshot, changes);
            if (token == null) {
                LOG.log(Level.DEBUG, "Session was deleted or rotated by another request; this request's changes are dropped");
                current.gone();
                return;
            }
            current.saved(snapshot);
        }
        boolean writeCookie = changes.isNew() || current.isIdChanged() || (clientSide && save)
                || (runtime.config().persistentCookie() && touchDue);
        if (writeCookie) {
            if (response.isCommitted()) {
                LOG.log(Level.WARNING, "The session cookie could not be sent: the response was committed before the session"
                        + " was created or rotated. Create the session before writing the body.");
            } else {
                runtime.tokens().write(request, response, token, maxAge());
                current.cookieWritten();
            }
        }
    }

    private long maxAge() {
        if (!runtime.config().persistentCookie()) {
            return -1;
        }
        long idle = current.getMaxInactiveInterval();
        return idle > 0 ? idle : runtime.config().absoluteTimeout().toSeconds();
    }

    private void clearCookie() {
        if (!cookieCleared && !response.isCommitted()) {
            runtime.tokens().clear(request, response);
            cookieCleared = true;
        }
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        List<String> tokens = runtime.tokens().tokens(request);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            long now = runtime.now();
            LoadResult result = runtime.store().load(token, now, runtime.config().touchInterval().toMillis());
            if (result.status() == LoadResult.Status.ROTATED) {
                rotatedAway = true;
                continue;
            }
            if (result.status() == LoadResult.Status.EXPIRED) {
                expiredWhileLoading = true;
                Expiry.expired(runtime, result.session().id());
                continue;
            }
            if (!result.isFound()) {
                continue;
            }
            SessionData data = result.session();
            SessionImpl session = SessionImpl.loaded(runtime, data);
            if (data.isIdleExpired(now) || runtime.pastAbsoluteTimeout(data.creationTime(), now)) {
                expire(session);
                continue;
            }
            requestedId = data.id();
            requested = session;
            current = session;
            runtime.metrics().loaded();
            return;
        }
        boolean clientSide = runtime.clientSide();
        if (clientSide ? rollBack(tokens) : adopt()) {
            return;
        }
        if (!tokens.isEmpty() && !clientSide) {
            requestedId = tokens.get(0);
            runtime.metrics().rejected(SessionMetrics.Rejection.UNKNOWN_ID);
        } else if (requestedId != null) {
            runtime.metrics().rejected(SessionMetrics.Rejection.UNKNOWN_ID); // a rollback's signed ID, left alone
        } else if (runtime.tokens().present(request)) {
            unreadableSealedCookie = clientSide;
            if (!expiredWhileLoading) {
                runtime.metrics().rejected(SessionMetrics.Rejection.BAD_SIGNATURE);
            }
        }
    }

    /**
     * Lets a migration adopt a cookie value that is not a signed ID (a sealed session, another library's
     * cookie). The adopted session's ID is sent signed at commit, replacing the foreign value.
     */
    private boolean adopt() {
        for (String value : runtime.tokens().unsignedValues(request)) {
            long now = runtime.now();
            if (adopted(runtime.store().adopt(value, now, runtime.config().touchInterval().toMillis()), now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * During a rollback into the cookie store: a cookie that is a signed ID of the old store names a session
     * to move into the cookie, sealed at commit in place of the ID. A signed ID that names nothing (moved by a
     * racing request, logged out) leaves {@link #requestedId} set, so its cookie is not cleared.
     */
    private boolean rollBack(List<String> tokens) {
        CookieRollback rollback = runtime.rollback();
        if (rollback == null) {
            return false;
        }
        for (String token : tokens) {
            String id = rollback.verify(token);
            if (id == null) {
                continue;
            }
            requestedId = id;
            long now = runtime.now();
            if (adopted(rollback.adopt(runtime.store(), id, now, runtime.config().touchInterval().toMillis()), now)) {
                return true;
            }
        }
        return false;
    }

    private boolean adopted(LoadResult result, long now) {
        SessionData data = result.live();
        if (data == null) {
            return false;
        }
        SessionImpl session = SessionImpl.loaded(runtime, data);
        if (data.isIdleExpired(now) || runtime.pastAbsoluteTimeout(data.creationTime(), now)) {
            expiredWhileLoading = true; // an expired session, not a bad cookie
            expire(session);
            return false;
        }
        session.cookieDue();
        requestedId = data.id();
        requested = session;
        current = session;
        runtime.metrics().loaded();
        return true;
    }

    private void expire(SessionImpl session) {
        // Deleting here, not only letting a TTL lapse, is what keeps an expired session from coming back.
        runtime.store().delete(session.getId(), runtime.now());
        runtime.metrics().expired();
        runtime.events().destroyed(session);
    }

    /**
     * The last commit, when the request (or its async cycle) ends: a session that was never stored ends
     * with it, and listeners hear it end as they heard it start.
     *
     * @throws dev.sessionkit.SessionException as {@link #commit} does
     */
    public synchronized void finish() {
        commit();
        if (current != null && !current.isInvalid() && isUnsaved(current)) {
            runtime.events().destroyed(current);
        }
    }

    /** A transient session, or a new one that holds nothing while empty sessions are not saved. */
    private boolean isUnsaved(SessionImpl session) {
        return session.isTransient() || (session.isEmptyNew() && !runtime.config().saveEmptySessions());
    }
}
