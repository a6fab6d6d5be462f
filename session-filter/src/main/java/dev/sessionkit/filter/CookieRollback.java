package dev.sessionkit.filter;

import com.google.crypto.tink.Aead;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;

/**
 * A rollback into the cookie store: a cookie that holds a signed ID of the old server-side store, rather than
 * a sealed session, names a session to move into the cookie. This verifies the signature with the secrets the
 * server-side deployment signed with, looks the session up as that deployment stored it (under its store ID,
 * its attributes encrypted when {@code store.encrypt} is set) and hands it over under its session ID.
 */
final class CookieRollback {

    private final CookieSigner signer;
    /** Null when the old deployment kept sessions under their session IDs ({@code store.hash-ids=false}). */
    private final StoreIds storeIds;
    /** Null when the old deployment did not encrypt attributes. */
    private final Aead attributeAead;

    private CookieRollback(CookieSigner signer, StoreIds storeIds, Aead attributeAead) {
        this.signer = signer;
        this.storeIds = storeIds;
        this.attributeAead = attributeAead;
    }

    /**
     * @param config the configuration of a window into the cookie store
     * @param signer verifies the old deployment's signed IDs
     * @return the rollback
     */
    static CookieRollback of(SessionConfig config, CookieSigner signer) {
        return new CookieRollback(signer, config.hashStoreIds() ? StoreIds.of(config) : null, config.attributeAead());
    }

    /**
     * @param cookieValue a session cookie value that did not open as a sealed session
     * @return the session ID it names when it is a signed ID, or null
     */
    String verify(String cookieValue) {
        return signer.verify(cookieValue);
    }

    /**
     * Moves the session a signed ID names out of the old store (its migrating store's {@code adopt}).
     *
     * @param store the migration window into the cookie store
     * @param id    a verified session ID
     * @param now   epoch milliseconds
     * @param touchAfterMillis as for {@link SessionStore#load}
     * @return the session under its session ID, or absent
     */
    LoadResult adopt(SessionStore store, String id, long now, long touchAfterMillis) {
        int keys = storeIds == null ? 1 : storeIds.keyCount();
        for (int key = 0; key < keys; key++) {
            String stored = storeIds == null ? id : storeIds.storeId(key, id);
            LoadResult result = store.adopt(stored, now, touchAfterMillis);
            if (result.isFound()) {
                SessionData session = attributeAead == null ? result.session()
                        : EncryptedAttributesStore.opened(attributeAead, result.session());
                return LoadResult.found(session.withId(id));
            }
        }
        return LoadResult.ABSENT;
    }
}
