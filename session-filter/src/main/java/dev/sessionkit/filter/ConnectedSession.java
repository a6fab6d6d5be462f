package dev.sessionkit.filter;

import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionData;

import java.util.List;
import java.util.Map;

/**
 * A stored session as a long-lived connection (a WebSocket) sees it: found once from the handshake's
 * headers, then re-read from the store by ID, which records the access as any request does.
 */
final class ConnectedSession {

    private final SessionRuntime runtime;
    private final String id;
    private final String principal;

    private ConnectedSession(SessionRuntime runtime, String id, String principal) {
        this.runtime = runtime;
        this.id = id;
        this.principal = principal;
    }

    /**
     * @param runtime the filter's runtime
     * @param headers the handshake's headers
     * @return the live stored session the headers name, or null
     */
    public static ConnectedSession find(SessionRuntime runtime, Map<String, List<String>> headers) {
        for (String token : runtime.tokens().tokens(headers)) {
            SessionData data = live(runtime, token);
            if (data != null) {
                return new ConnectedSession(runtime, data.id(), data.principal());
            }
        }
        return null;
    }

    /** @return the principal recorded at login when the connection opened, or null */
    public String principal() {
        return principal;
    }

    /**
     * Records an access, as a request would: the store writes it at most once per touch interval.
     *
     * @return the session's current data, or null when it ended (logged out, expired, deleted or rotated)
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when the store is down
     */
    public SessionData touch() {
        return live(runtime, id);
    }

    /**
     * @param data a session's data from {@link #touch}
     * @param name an attribute name
     * @return the attribute's decoded value, or null
     */
    public Object attribute(SessionData data, String name) {
        return SessionImpl.loaded(runtime, data).getAttribute(name);
    }

    private static SessionData live(SessionRuntime runtime, String id) {
        long now = runtime.now();
        LoadResult result = runtime.store().load(id, now, runtime.config().touchInterval().toMillis());
        if (result.status() == LoadResult.Status.EXPIRED) {
            Expiry.expired(runtime, result.session().id());
            return null;
        }
        if (!result.isFound()) {
            return null;
        }
        SessionData data = result.session();
        if (data.isIdleExpired(now) || runtime.pastAbsoluteTimeout(data.creationTime(), now)) {
            return null;
        }
        return data;
    }
}
