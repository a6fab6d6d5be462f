package dev.sessionkit.store;

/**
 * A store that keeps the whole session in the cookie instead of an ID.
 *
 * <p>The filter treats the cookie token of such a store differently: it does not sign it (the store
 * seals it), it splits a token longer than {@link #COOKIE_CHUNK_BYTES} over the numbered cookies
 * {@code NAME}, {@code NAME.1}…, it calls {@link #save} with {@link SessionChanges#TOUCH} when an access
 * is due to be recorded (the cookie is the only record), writes the cookie after every save, and clears a
 * cookie that does not open. Server-side stores implement {@link SessionStore} only and see none of this.
 *
 * <p>For such a store {@link #load}'s token is the joined cookie value, and {@link #save} returns the
 * new sealed value. {@link #delete} and {@link #rotate} have nothing server-side to change, unless the store
 * keeps a {@link RevocationList}, which they then tell.
 */
public interface ClientSideStore extends SessionStore {

    /** Most bytes the filter puts in one cookie value; longer tokens are split over numbered cookies. */
    int COOKIE_CHUNK_BYTES = 4000;
}
