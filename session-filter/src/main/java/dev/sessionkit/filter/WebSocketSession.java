package dev.sessionkit.filter;

import dev.sessionkit.store.SessionData;

/**
 * The sessionkit session a WebSocket connection opened with, as {@link SessionWebSocketConfigurator} found it
 * at the handshake. It holds the session's ID only, never its data: every call reads the store, so a logout,
 * a "log out everywhere" or an expiry elsewhere is seen at the next call.
 *
 * <p>Each call records an access as a request does, so an endpoint that calls {@link #touch()} on its
 * messages keeps the session from idling out while the connection is used (the store writes the access at
 * most once per {@code touch.interval}; a call costs one store read, on Redis one HGETALL).
 *
 * <p>A rotation (a login over HTTP while the connection is open) gives the session a new ID, which the
 * connection does not learn: from then on the handle reports the session ended, and the client should
 * reconnect. Thread-safe.
 */
public final class WebSocketSession {

    private final ConnectedSession session;

    WebSocketSession(ConnectedSession session) {
        this.session = session;
    }

    /** @return the user recorded by {@code Sessions.login} when the connection opened, or null for an anonymous session */
    public String principal() {
        return session.principal();
    }

    /**
     * Records an access, keeping the session from idling out.
     *
     * @return true while the session lives; false once it ended (logged out, expired, deleted, rotated):
     *         the endpoint should then close the connection
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when the store cannot be reached
     */
    public boolean touch() {
        return session.touch() != null;
    }

    /**
     * Reads one attribute as it is stored now, and records an access.
     *
     * @param name the attribute name
     * @return its value, or null when it is not set or the session ended
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when the store cannot be reached
     */
    public Object attribute(String name) {
        SessionData data = session.touch();
        return data == null ? null : session.attribute(data, name);
    }
}
