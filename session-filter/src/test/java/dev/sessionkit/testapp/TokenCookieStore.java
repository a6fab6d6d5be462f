package dev.sessionkit.testapp;

import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client-side store for the filter's own tests: the token is the session document in base64url, with
 * no sealing (session-cookie's store seals; this one lets session-filter test what the filter does with
 * any client-side token: chunking, candidates, clearing). A token that does not decode loads as absent.
 */
public final class TokenCookieStore implements ClientSideStore {

    /** Tokens offered to {@link #load}, valid or not. */
    public final AtomicInteger loads = new AtomicInteger();

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        loads.incrementAndGet();
        try {
            SessionData session = SessionDataCodec.decode(Base64.getUrlDecoder().decode(token));
            return session.isIdleExpired(now) ? LoadResult.expired(session) : LoadResult.found(session);
        } catch (RuntimeException e) {
            return LoadResult.ABSENT;
        }
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SessionDataCodec.encode(session));
    }

    @Override
    public boolean delete(String id, long now) {
        return false;
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        return true;
    }
}
