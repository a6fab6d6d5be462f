package dev.sessionkit.store.cookie;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Keeps the whole session in the cookie, sealed with a Tink AEAD: no server state, nothing to share
 * between instances but the keyset.
 *
 * <h2>What a cookie holds</h2>
 * The session (ID, creation and access times, idle timeout, principal, attributes) as a
 * {@link dev.sessionkit.codec.SessionDataCodec} document, DEFLATE-compressed when longer than
 * {@link CookieSessionStoreBuilder#compressAbove compressAbove} bytes, behind a format byte and two deadlines: the idle
 * deadline (last access + idle timeout) and the absolute deadline (creation + the filter's absolute
 * timeout), and the time it was sealed (for revocation). All of it is sealed with the keyset's primary key, with {@code "sessionkit-session:" + cookieName}
 * as associated data, so a value sealed for one cookie name never opens under another, and written as
 * base64url without padding. The cookie's own Max-Age is a hint to the browser; the deadlines sealed
 * inside are what count.
 *
 * <h2>Opening</h2>
 * {@link #load} returns null, never throws, for anything but a valid, live cookie: garbage, a truncated or
 * tampered value, a key that is not (or no longer) in the keyset, another cookie's value, or a session
 * past either deadline or past the filter's current absolute timeout. Each refusal is counted by
 * {@link Rejection} ({@link #rejected()}) and logged at DEBUG, never with the cookie's value.
 *
 * <h2>Keys</h2>
 * The primary key seals; every enabled key opens. Rotate by adding a key, rolling it out, then promoting
 * it (see {@link CookieKeys}); removing or disabling a key makes every cookie it sealed unreadable, which,
 * without revocation, is the only way to revoke cookies.
 *
 * <h2>Revocation (opt-in)</h2>
 * With a {@link dev.sessionkit.store.RevocationList} ({@link CookieSessionStoreBuilder#revocation}), logout,
 * rotation and "log out everywhere" kill copies of a cookie at once: every cookie that opens is looked up
 * once, by its lineage and principal, and refused ({@link Rejection#REVOKED}) when it was issued before a
 * revocation. The admin view ({@link #admin()}) then lists and revokes a user's logged-in sessions. When the
 * list cannot be reached the request fails with {@link dev.sessionkit.store.SessionStoreUnavailableException}
 * (503): a session that may be revoked is never served.
 *
 * <h2>Limits inherent to cookie sessions</h2>
 * <ul>
 *   <li>Without revocation: invalidating a session clears the browser's cookie, but a copy taken
 *       earlier (stolen, or replayed by the user) opens until its idle or absolute deadline. Keep the idle
 *       timeout short; to revoke every session at once, remove the keys that sealed them.</li>
 *   <li>Last response wins: the browser keeps the last cookie it was sent, so concurrent requests that
 *       change the session lose all but one request's changes, and an old cookie can bring back attributes
 *       removed since. None of the {@link dev.sessionkit.store.SessionStore} concurrency guarantees hold across requests.</li>
 *   <li>{@link #rotate} gives the session a new ID, sealed into the next cookie; the cookie holding the old
 *       ID still opens until it expires, but shows the session as it was before rotation. Session fixation
 *       gains nothing: what the victim does after login is only in the victim's new cookie.</li>
 *   <li>Size: browsers keep about 4096 bytes per cookie and servers' default header limits are 8 KiB, so
 *       by default a session must fit one cookie; see {@link CookieSessionStoreBuilder#maxChunks}.</li>
 *   <li>Compression reveals how well the session compresses through the cookie's length. When a session
 *       holds both a secret (a CSRF token) and text an attacker chooses, and the attacker can watch cookie
 *       lengths, disable compression ({@code compressAbove(Integer.MAX_VALUE)}).</li>
 *   <li>Expiry listeners hear of a timed-out session only when its browser presents the cookie again.</li>
 * </ul>
 *
 * <p>Thread-safe: one instance serves every request.
 */
public final class CookieSessionStore implements ClientSideStore {

    /** Why {@link #load} refused a cookie. */
    public enum Rejection {
        /** Not base64url as this store writes it, too short to hold a key ID, or longer than the size limit. */
        MALFORMED,
        /** Sealed by a key the keyset does not hold (removed, disabled) or never held. */
        UNKNOWN_KEY,
        /** Failed authentication: tampered, truncated, or sealed for another cookie name. */
        FORGED,
        /** Authentic, but not a session this version can read. */
        UNREADABLE,
        /** Past its idle deadline. */
        IDLE_TIMEOUT,
        /** Past its absolute deadline, or older than the filter's current absolute timeout. */
        ABSOLUTE_TIMEOUT,
        /** Issued before a revocation of its lineage (logout, rotation) or of its user ("log out everywhere"). */
        REVOKED
    }

    /** Default of {@link CookieSessionStoreBuilder#maxChunks}: one cookie, as browsers and default container limits allow. */
    public static final int DEFAULT_MAX_CHUNKS = 1;
    /** Largest {@link CookieSessionStoreBuilder#maxChunks}: the filter reads no chunk numbered above 31. */
    public static final int MAX_CHUNKS_LIMIT = 32;
    /** Default of {@link CookieSessionStoreBuilder#maxSessionBytes}: 64 KiB of session document. */
    public static final int DEFAULT_MAX_SESSION_BYTES = 64 * 1024;

    /** Default of {@link CookieSessionStoreBuilder#compressAbove}, in bytes of session document. */
    public static final int DEFAULT_COMPRESS_ABOVE = 2048;

    private static final System.Logger LOG = System.getLogger(CookieSessionStore.class.getName());
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();
    /** Tink's TINK output prefix: a version byte, then the big-endian ID of the key that sealed. */
    private static final byte TINK_PREFIX = 1;
    private static final int PREFIX_BYTES = 5;
    private static final int LARGEST_ATTRIBUTES_NAMED = 3;

    private final Aead aead;
    private final Set<Integer> keyIds;
    private final byte[] associatedData;
    private final int maxChunks;
    private final int maxTokenChars;
    private final int compressAbove;
    private final int maxSessionBytes;
    private final Map<Rejection, LongAdder> rejections = new EnumMap<>(Rejection.class);
    private final Revocations revocations;
    private volatile StoreContext context = StoreContext.NONE;

    CookieSessionStore(Aead aead, Set<Integer> keyIds, CookieSessionStoreBuilder builder) {
        this.aead = aead;
        this.keyIds = keyIds;
        this.associatedData = ("sessionkit-session:" + builder.cookieName).getBytes(StandardCharsets.UTF_8);
        this.maxChunks = builder.maxChunks;
        this.maxTokenChars = builder.maxChunks * COOKIE_CHUNK_BYTES;
        this.compressAbove = builder.compressAbove;
        this.maxSessionBytes = builder.maxSessionBytes;
        this.revocations = builder.revocationList();
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, new LongAdder());
        }
    }

    /**
     * @return a builder: AES-256-GCM, cookie {@code SESSION}, one cookie at most, compression above 2048 bytes;
     *         a keyset must be given
     */
    public static CookieSessionStoreBuilder builder() {
        return new CookieSessionStoreBuilder();
    }

    /**
     * Records the filter's absolute timeout, which every cookie sealed from now on carries as a deadline.
     *
     * @throws SessionException when revocation is on and the context has no absolute timeout
     */
    @Override
    public void start(StoreContext context) {
        Objects.requireNonNull(context, "context");
        if (revocations != null) {
            revocations.start(context.absoluteTimeout());
        }
        this.context = context;
    }

    /**
     * Opens a sealed session. Records nothing: the filter calls {@link #save} when an access is due.
     *
     * @param token            the cookie value, chunks joined; may be anything a client sent
     * @param now              epoch milliseconds
     * @param touchAfterMillis unused: access is recorded by re-sealing
     * @return the session; absent when the cookie is refused (see {@link Rejection}), expired when its
     *         sealed deadline passed
     * @throws dev.sessionkit.store.SessionStoreUnavailableException when revocation is on and its list cannot
     *         be reached; nothing else is thrown
     */
    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        if (token == null || token.length() > maxTokenChars) {
            return reject(Rejection.MALFORMED);
        }
        byte[] sealed = decodeBase64(token);
        if (sealed == null || sealed.length < PREFIX_BYTES || sealed[0] != TINK_PREFIX) {
            return reject(Rejection.MALFORMED);
        }
        if (!keyIds.contains(keyId(sealed))) {
            return reject(Rejection.UNKNOWN_KEY);
        }
        byte[] opened;
        try {
            opened = aead.decrypt(sealed, associatedData);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The bytes are the client's: whatever Tink makes of them, the answer is a fresh session, never a 500.
            return reject(Rejection.FORGED);
        }
        return open(opened, now);
    }

    private LoadResult open(byte[] opened, long now) {
        Plaintext plaintext;
        SessionData session;
        try {
            plaintext = Plaintext.decode(opened);
            session = plaintext.session(maxSessionBytes);
        } catch (SessionException e) {
            return reject(Rejection.UNREADABLE);
        }
        long absoluteTimeout = context.absoluteTimeout().toMillis();
        if (now > plaintext.absoluteDeadline() || (absoluteTimeout > 0 && now - session.creationTime() > absoluteTimeout)) {
            return expired(session, Rejection.ABSOLUTE_TIMEOUT);
        }
        if (now > plaintext.idleDeadline()) {
            return expired(session, Rejection.IDLE_TIMEOUT);
        }
        if (revocations != null && revocations.isRevoked(session, plaintext.issuedAt(), now)) {
            return reject(Rejection.REVOKED);
        }
        return LoadResult.found(session);
    }

    /**
     * Seals the whole session as the request leaves it; {@code changes} only tell why the filter saves.
     *
     * @param session the session, all its attributes
     * @param changes ignored: the cookie always carries everything
     * @return the sealed session, never null
     * @throws SessionException when the sealed session is longer than {@link CookieSessionStoreBuilder#maxChunks} cookies allow
     */
    @Override
    public String save(SessionData session, SessionChanges changes) {
        long absoluteDeadline = absoluteDeadline(session);
        long issuedAt = IssueClock.tick();
        byte[] plaintext = Plaintext.encode(session, absoluteDeadline, issuedAt, compressAbove, maxSessionBytes);
        byte[] sealed;
        try {
            sealed = aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new SessionException("Cannot seal the session: " + e.getMessage(), e);
        }
        String token = BASE64.encodeToString(sealed);
        if (token.length() > maxTokenChars) {
            throw tooLarge(session, token.length());
        }
        if (revocations != null) {
            revocations.saved(session, issuedAt, absoluteDeadline);
        }
        return token;
    }

    /**
     * The filter deletes a session by clearing its cookie; with revocation on, the session's lineage is
     * revoked for good, so copies of the cookie die too.
     *
     * @param id the session ID
     * @return true when the lineage was revoked; false without revocation (nothing is stored server-side)
     */
    @Override
    public boolean delete(String id, long now) {
        if (revocations == null) {
            return false;
        }
        revocations.deleted(id, now);
        return true;
    }

    /**
     * Agrees to the new ID, which the filter seals into the next cookie with {@link #save}. With revocation
     * on, the lineage's cookies issued before {@code now} die; without, the cookie with the old ID still
     * opens (see the class description).
     *
     * @param oldId the current ID
     * @param newId a new ID of the same lineage
     * @param now   ignored
     * @return true
     * @throws IllegalArgumentException when {@code newId} is not a new ID of {@code oldId}'s lineage
     */
    @Override
    public boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        if (revocations != null) {
            revocations.rotated(oldId, now);
        }
        return true;
    }

    /**
     * @return with revocation on, the per-user view: {@link SessionAdmin#sessionsOf} lists a user's logged-in
     *         cookie sessions, {@link SessionAdmin#deleteAllOf} and {@link SessionAdmin#delete} revoke them;
     *         count, list and find throw {@link UnsupportedOperationException}. Empty without revocation.
     */
    @Override
    public Optional<SessionAdmin> admin() {
        return revocations == null ? Optional.empty() : Optional.of(new CookieSessionAdmin(revocations));
    }

    /** @return the revocation list's health; healthy at once without revocation */
    @Override
    public StoreHealth health() {
        return revocations == null ? ClientSideStore.super.health() : revocations.list().health();
    }

    /** Closes the revocation list, if any. */
    @Override
    public void close() {
        if (revocations != null) {
            revocations.list().close();
        }
    }

    /** @return the store and its revocation list, for the filter's start line; never a key */
    @Override
    public String toString() {
        return revocations == null ? "CookieSessionStore" : "CookieSessionStore[revocation=" + revocations.list() + "]";
    }

    /**
     * @return for each {@link Rejection}, how many cookies {@link #load} refused for it since the store was built
     */
    public Map<Rejection, Long> rejected() {
        Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
        rejections.forEach((rejection, count) -> counts.put(rejection, count.sum()));
        return counts;
    }

    private long absoluteDeadline(SessionData session) {
        long timeout = context.absoluteTimeout().toMillis();
        return timeout > 0 ? session.creationTime() + timeout : Long.MAX_VALUE;
    }

    private LoadResult expired(SessionData session, Rejection rejection) {
        reject(rejection);
        return LoadResult.expired(session);
    }

    private LoadResult reject(Rejection rejection) {
        rejections.get(rejection).increment();
        LOG.log(Level.DEBUG, () -> "Session cookie refused: " + rejection);
        return LoadResult.ABSENT;
    }

    private SessionException tooLarge(SessionData session, int length) {
        String largest = session.attributes().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, byte[]> e) -> e.getValue().length).reversed())
                .limit(LARGEST_ATTRIBUTES_NAMED)
                .map(e -> e.getKey() + " (" + e.getValue().length + " bytes)")
                .collect(Collectors.joining(", "));
        return new SessionException("The session is too large for the cookie store: sealed it takes " + length
                + " bytes, over the limit of " + maxTokenChars + " (cookie-store.max-chunks=" + maxChunks + " cookies of "
                + COOKIE_CHUNK_BYTES + " bytes)." + (largest.isEmpty() ? "" : " Largest attributes: " + largest + ".")
                + " Keep less in the session (IDs rather than objects), or use a server-side store such as"
                + " session-store-redis. Raising cookie-store.max-chunks also needs the request-header limit of the"
                + " container and every proxy raised above the cookies' total size.");
    }

    private static byte[] decodeBase64(String token) {
        // The decoder also takes padding and ignores the unused low bits of the last character; only this
        // store's own spelling passes, so each sealed value has exactly one cookie value.
        int tail = token.length() % 4;
        if (tail == 1 || token.indexOf('=') >= 0) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = BASE64_DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int unusedBits = tail == 2 ? 0x0f : tail == 3 ? 0x03 : 0;
        return unusedBits == 0 || (sextet(token.charAt(token.length() - 1)) & unusedBits) == 0 ? bytes : null;
    }

    /** @return the value of a base64url character the decoder accepted */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static int keyId(byte[] sealed) {
        return ((sealed[1] & 0xff) << 24) | ((sealed[2] & 0xff) << 16) | ((sealed[3] & 0xff) << 8) | (sealed[4] & 0xff);
    }
}
