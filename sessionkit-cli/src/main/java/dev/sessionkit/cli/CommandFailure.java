package dev.sessionkit.cli;

import dev.sessionkit.SessionException;

/** A command that could not do its work (exit status 1): the message says why. */
final class CommandFailure extends SessionException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
