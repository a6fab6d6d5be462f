package dev.sessionkit;

/**
 * The one exception type of sessionkit: bad configuration, a value the codec cannot store, a session too
 * large for its store. The message says what to change.
 */
public class SessionException extends RuntimeException {

    /**
     * @param message what is wrong and what to do about it
     */
    public SessionException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do about it
     * @param cause   the underlying failure
     */
    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
