package dev.sessionkit.filter;

import dev.sessionkit.config.SessionLock;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionLocks;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The session lock of one request ({@code lock=true}): taken before the application runs, for the session
 * the request's first verified token names, and released once when the request ends. A request without a
 * session token takes none: a new session has no other request to wait for.
 */
final class RequestLock {

    private static final System.Logger LOG = System.getLogger(RequestLock.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SessionLocks locks;
    private final SessionLock settings;
    private String lineage;
    private String owner;

    private RequestLock(SessionLocks locks, SessionLock settings) {
        this.locks = locks;
        this.settings = settings;
    }

    /** @return the lock of a request, or null when {@code lock} is off */
    static RequestLock of(SessionRuntime runtime) {
        SessionLock settings = runtime.config().lock();
        return settings == null ? null : new RequestLock(runtime.store().locks().orElseThrow(), settings);
    }

    /**
     * Waits for the lock of the session the request names, at most {@code lock.wait}.
     *
     * @return false when another request of the session held it the whole wait; true when this request holds
     *         it now, or names no session
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when the store cannot be reached
     */
    boolean acquire(SessionRuntime runtime, HttpServletRequest request) {
        List<String> tokens = runtime.tokens().tokens(request);
        if (tokens.isEmpty() || !SessionIds.isWellFormed(tokens.get(0))) {
            return true;
        }
        String candidate = SessionIds.lineage(tokens.get(0));
        String token = newOwner();
        if (!locks.acquire(candidate, token, settings.expiry(), settings.maxWait())) {
            return false;
        }
        lineage = candidate;
        owner = token;
        return true;
    }

    /** Releases the lock if this request holds it; a store that cannot be reached leaves it to lapse. */
    synchronized void release() {
        if (owner == null) {
            return;
        }
        String held = owner;
        owner = null;
        try {
            locks.release(lineage, held);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release a session lock; it lapses after lock.expiry ("
                    + settings.expiry() + ")", e);
        }
    }

    /** @return the status a request that waited in vain gets */
    int busyStatus() {
        return settings.busyStatus();
    }

    private static String newOwner() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }
}
