/**
 * The cookie store: {@link dev.sessionkit.store.cookie.CookieSessionStore} seals the whole session into the
 * session cookie with a Tink AEAD, so servers keep no session state and share only a keyset.
 * {@link dev.sessionkit.store.cookie.CookieKeys} creates and rotates keysets;
 * {@link dev.sessionkit.store.cookie.CookieSessionStoreProvider} builds the store from filter init-params
 * ({@code store=cookie}).
 */
package dev.sessionkit.store.cookie;
