package dev.sessionkit.store.cookie;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.RevocationList;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;


/**
 * Configures a {@link CookieSessionStore}. Give exactly one keyset: {@link #keyset} or
 * {@link #cleartextKeysetFile}. Not thread-safe; build once.
 */
public final class CookieSessionStoreBuilder {
    KeysetHandle keyset;
    String keysetSource;
    Path keysetFile;
    CookieAead aead = CookieAead.AES256_GCM;
    String cookieName = "SESSION";
    int maxChunks = CookieSessionStore.DEFAULT_MAX_CHUNKS;
    int compressAbove = CookieSessionStore.DEFAULT_COMPRESS_ABOVE;
    int maxSessionBytes = CookieSessionStore.DEFAULT_MAX_SESSION_BYTES;
    private RevocationList revocation;
    private Duration revocationCache = Duration.ZERO;

    CookieSessionStoreBuilder() {
    }

    /**
     * Seals and opens with this keyset: its primary key seals, every enabled key opens. Use it for a
     * keyset your application unwrapped from a KMS, for instance with
     * {@code TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kmsAead, associatedData)}.
     *
     * @param keyset AES256_GCM or XCHACHA20_POLY1305 keys with the TINK output prefix
     * @return this builder
     */
    public CookieSessionStoreBuilder keyset(KeysetHandle keyset) {
        return keyset(keyset, "keyset");
    }

    CookieSessionStoreBuilder keyset(KeysetHandle keyset, String source) {
        this.keyset = Objects.requireNonNull(keyset, "keyset");
        this.keysetSource = source;
        return this;
    }

    /**
     * Reads the keyset, when the store is built, from a file in Tink's cleartext JSON format. The name
     * says what you accept: anyone who can read the file can forge any session. Keep it out of source
     * control and readable by the server's user only.
     *
     * @param file the keyset file, as {@link CookieKeys} or Tinkey writes it
     * @return this builder
     */
    public CookieSessionStoreBuilder cleartextKeysetFile(Path file) {
        this.keysetFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * @param aead the algorithm of the keyset's primary key, checked when the store is built; AES-256-GCM
     *             by default
     * @return this builder
     */
    public CookieSessionStoreBuilder aead(CookieAead aead) {
        this.aead = Objects.requireNonNull(aead, "aead");
        return this;
    }

    /**
     * Binds sealed sessions to a cookie name: a value sealed for one name does not open under another.
     *
     * @param name the filter's cookie name ({@code cookie.name}); {@code SESSION} by default
     * @return this builder
     */
    public CookieSessionStoreBuilder cookieName(String name) {
        if (name == null || name.isBlank()) {
            throw new SessionException("cookie.name must not be empty");
        }
        this.cookieName = name;
        return this;
    }

    /**
     * Sets how many cookies of {@value ClientSideStore#COOKIE_CHUNK_BYTES} bytes a session may take; saving a
     * larger session throws. One cookie is the default because more do not get through default
     * servers: Jetty answers 431 to every request whose cookies pass 8 KiB (the browser is then locked
     * out until the cookies expire), Tomcat fails with 500 a response whose Set-Cookie headers pass
     * 8 KiB, and nginx refuses a request header line over 8 KiB. Raise this only together with those
     * limits ({@code HttpConfiguration.setRequestHeaderSize}, {@code maxHttpHeaderSize} and
     * {@code maxHttpResponseHeaderSize}, {@code large_client_header_buffers}).
     *
     * @param maxChunks 1 to {@value CookieSessionStore#MAX_CHUNKS_LIMIT}; {@value CookieSessionStore#DEFAULT_MAX_CHUNKS} by default
     * @return this builder
     */
    public CookieSessionStoreBuilder maxChunks(int maxChunks) {
        if (maxChunks < 1 || maxChunks > CookieSessionStore.MAX_CHUNKS_LIMIT) {
            throw new SessionException("cookie-store.max-chunks must be between 1 and " + CookieSessionStore.MAX_CHUNKS_LIMIT
                    + ", was " + maxChunks);
        }
        this.maxChunks = maxChunks;
        return this;
    }

    /**
     * Sets when a session document is deflated before sealing. Deflating costs more than everything else
     * a seal does (about 11 µs for a 1.3 KB document, against 3 µs for encoding, AES-GCM and base64
     * together), so the default compresses only documents that are on their way to not fitting one
     * cookie: an uncompressed document fits one cookie up to about 2.9 KB.
     *
     * @param bytes compress session documents longer than this; 0 compresses all, {@link Integer#MAX_VALUE}
     *              none; {@value CookieSessionStore#DEFAULT_COMPRESS_ABOVE} by default
     * @return this builder
     */
    public CookieSessionStoreBuilder compressAbove(int bytes) {
        if (bytes < 0) {
            throw new SessionException("cookie-store.compress-above must not be negative, was " + bytes);
        }
        this.compressAbove = bytes;
        return this;
    }

    /**
     * Bounds the session document (the JSON before compression): a larger session fails at save with a
     * message naming the size, and a cookie is never inflated past it on open, however well it compresses.
     *
     * @param bytes at least 1024; {@value CookieSessionStore#DEFAULT_MAX_SESSION_BYTES} by default
     * @return this builder
     */
    public CookieSessionStoreBuilder maxSessionBytes(int bytes) {
        if (bytes < 1024) {
            throw new SessionException("cookie-store.max-session-bytes must be at least 1024, was " + bytes);
        }
        this.maxSessionBytes = bytes;
        return this;
    }

    /**
     * Makes sessions revocable: logout and rotation revoke the session's lineage, "log out everywhere"
     * ({@link dev.sessionkit.store.SessionAdmin#deleteAllOf}) the user, and every cookie that opens costs one
     * lookup in {@code list}. The filter must set an absolute timeout, which bounds how long entries are kept.
     * The store closes the list when it is closed.
     *
     * @param list where revocations are kept: {@link dev.sessionkit.store.InMemoryRevocationList} for one
     *             server, the Redis or JDBC module's list for several; off by default
     * @return this builder
     */
    public CookieSessionStoreBuilder revocation(RevocationList list) {
        this.revocation = Objects.requireNonNull(list, "list");
        return this;
    }

    /**
     * Keeps each revocation lookup's answer for a while, so a burst of requests costs one lookup. A revocation
     * made on another server is then seen here up to {@code maxAge} later; revocations through this server
     * are seen at once.
     *
     * @param maxAge zero (the default) for no cache; at most one minute
     * @return this builder
     */
    public CookieSessionStoreBuilder revocationCache(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new SessionException("cookie-store.revocation.cache must be between 0 and 1m, was " + maxAge);
        }
        this.revocationCache = maxAge;
        return this;
    }

    Revocations revocationList() {
        if (revocation == null) {
            return null;
        }
        return new Revocations(revocationCache.isZero() ? revocation : new CachedRevocationList(revocation, revocationCache.toMillis()));
    }

    /**
     * @return the store
     * @throws SessionException when no keyset or two were given, the file cannot be read, or a key is not
     *                          suitable; the message says which
     */
    public CookieSessionStore build() {
        if ((keyset == null) == (keysetFile == null)) {
            throw new SessionException(keyset == null
                    ? "The cookie store needs a keyset: set cookie-store.keyset-file or cookie-store.keyset-env"
                    + " (builder: keyset or cleartextKeysetFile). Generate one with: " + Keysets.HOW_TO_GENERATE
                    : "The cookie store takes one keyset; both keyset and cleartextKeysetFile were given");
        }
        KeysetHandle handle = keyset != null ? keyset : Keysets.readFile(keysetFile, "keyset file " + keysetFile);
        String source = keyset != null ? keysetSource : "keyset file " + keysetFile;
        Set<Integer> ids = Keysets.check(handle, aead, source);
        return new CookieSessionStore(Keysets.aead(handle, source), ids, this);
    }
}
