package dev.sessionkit.filter;

import dev.sessionkit.store.SessionStoreUnavailableException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Gives a Jakarta WebSocket endpoint the sessionkit session of its handshake. The container's
 * {@code HandshakeRequest.getHttpSession()} knows only the container's own sessions; this configurator reads
 * the handshake's session cookie (or session header), verifies its signature and loads the session from the
 * store of this application's {@link SessionFilter}, whether or not the filter ran on the upgrade request.
 *
 * <pre>{@code
 * @ServerEndpoint(value = "/chat", configurator = SessionWebSocketConfigurator.class)
 * public class Chat {
 *     @OnMessage
 *     public void onMessage(String text, Session connection) throws IOException {
 *         WebSocketSession session = SessionWebSocketConfigurator.session(connection).orElse(null);
 *         if (session == null || !session.touch()) {   // touch(): keeps the HTTP session from idling out
 *             connection.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "signed out"));
 *         }
 *     }
 * }
 * }</pre>
 *
 * The handshake finds no session (and {@link #session} is empty) when the request carries no valid token,
 * when the session is unknown, expired or not yet stored, when the store is down (logged), or with the
 * cookie store, whose sessions cannot be touched without a response to carry the new cookie. A subclass may
 * override {@link #modifyHandshake} and call {@code super}. Needs a started {@link SessionFilter} in the same
 * web application.
 */
public class SessionWebSocketConfigurator extends ServerEndpointConfig.Configurator {

    /** The user property that holds the connection's {@link WebSocketSession}, when it has one. */
    public static final String SESSION_PROPERTY = WebSocketSession.class.getName();

    private static final System.Logger LOG = System.getLogger(SessionWebSocketConfigurator.class.getName());

    /** For {@code @ServerEndpoint(configurator = ...)} and {@code ServerEndpointConfig.Builder.configurator}. */
    public SessionWebSocketConfigurator() {
    }

    /**
     * @param connection an open WebSocket session
     * @return the sessionkit session found at its handshake, or empty
     */
    public static Optional<WebSocketSession> session(Session connection) {
        return connection.getUserProperties().get(SESSION_PROPERTY) instanceof WebSocketSession session
                ? Optional.of(session) : Optional.empty();
    }

    /**
     * Finds the handshake's session and records it in the connection's user properties.
     *
     * @throws IllegalStateException when no {@link SessionFilter} has started in this web application
     */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        config.getUserProperties().remove(SESSION_PROPERTY);
        ConnectedSession found;
        try {
            found = ConnectedSession.find(SessionFilter.startedRuntime(), request.getHeaders());
        } catch (SessionStoreUnavailableException e) {
            LOG.log(Level.WARNING, "Session store unavailable at a WebSocket handshake; the connection opens without a session", e);
            return;
        }
        if (found != null) {
            config.getUserProperties().put(SESSION_PROPERTY, new WebSocketSession(found));
        }
    }
}
