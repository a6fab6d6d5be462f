package dev.sessionkit.config;

/** Where the signed session ID travels between client and server ({@code session.transport}). */
public enum Transport {
    /** In the session cookie, as browsers keep it: the default. */
    COOKIE,
    /**
     * In a request and response header ({@code X-Session-Token} by default), for API and mobile clients that
     * keep the token themselves; no cookie is ever set.
     */
    HEADER,
    /** Read from the header first, then the cookie; both are written. */
    BOTH
}
