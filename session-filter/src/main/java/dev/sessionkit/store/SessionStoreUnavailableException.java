package dev.sessionkit.store;

import dev.sessionkit.SessionException;

/**
 * Thrown by a {@link SessionStore} when its backing service cannot be reached or timed out. The filter
 * answers the request with 503 (by default) and logs the cause; nothing was written.
 */
public class SessionStoreUnavailableException extends SessionException {

    /**
     * @param message what failed, naming the service
     * @param cause   the client's exception
     */
    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
