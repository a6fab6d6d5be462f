package dev.sessionkit.store.cookie;

import com.google.crypto.tink.KeysetHandle;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Creates a {@link CookieSessionStore} for {@code store=cookie}. Init-params:
 * <table>
 *   <caption>Cookie store init-params</caption>
 *   <tr><th>Param</th><th>Meaning</th><th>Default</th></tr>
 *   <tr><td>{@code cookie-store.keyset-file}</td><td>path of a cleartext Tink JSON keyset</td><td>one of file or env is
 *       required</td></tr>
 *   <tr><td>{@code cookie-store.keyset-env}</td><td>name of an environment variable holding the keyset JSON</td>
 *       <td></td></tr>
 *   <tr><td>{@code cookie-store.cleartext-keyset}</td><td>must be {@code true}: acknowledges that the keyset is
 *       stored unencrypted, so whoever reads it can forge any session</td><td>{@code false}</td></tr>
 *   <tr><td>{@code cookie-store.aead}</td><td>algorithm of the primary key: {@code aes256-gcm} or
 *       {@code xchacha20-poly1305}</td><td>{@code aes256-gcm}</td></tr>
 *   <tr><td>{@code cookie-store.max-chunks}</td><td>most cookies of 4000 bytes a session may take</td>
 *       <td>{@value CookieSessionStore#DEFAULT_MAX_CHUNKS}</td></tr>
 *   <tr><td>{@code cookie-store.max-session-bytes}</td><td>the most bytes of session JSON a cookie may carry,
 *       before compression (default 65536)</td></tr>
 *   <tr><td>{@code cookie-store.compress-above}</td><td>compress session documents longer than this many bytes;
 *       {@code off} never</td><td>{@value CookieSessionStore#DEFAULT_COMPRESS_ABOVE}</td></tr>
 *   <tr><td>{@code cookie.name}</td><td>the filter's cookie name, bound into every seal</td><td>{@code SESSION}</td></tr>
 *   <tr><td>{@code cookie-store.revocation}</td><td>where revocations are kept: {@code off}, {@code memory}, or
 *       {@code redis} and {@code jdbc} when their modules are present (which then read their own connection
 *       init-params, such as {@code redis.uri} or {@code jdbc.url})</td><td>{@code off}</td></tr>
 *   <tr><td>{@code cookie-store.revocation.cache}</td><td>how long a revocation lookup's answer is reused</td>
 *       <td>{@code 0} (none)</td></tr>
 * </table>
 */
public final class CookieSessionStoreProvider implements SessionStoreProvider {

    static final String KEYSET_FILE = "cookie-store.keyset-file";
    static final String KEYSET_ENV = "cookie-store.keyset-env";
    static final String CLEARTEXT = "cookie-store.cleartext-keyset";
    static final String AEAD = "cookie-store.aead";
    static final String MAX_CHUNKS = "cookie-store.max-chunks";
    static final String COMPRESS_ABOVE = "cookie-store.compress-above";
    static final String MAX_SESSION_BYTES = "cookie-store.max-session-bytes";
    static final String COOKIE_NAME = "cookie.name";
    static final String REVOCATION = "cookie-store.revocation";
    static final String REVOCATION_CACHE = "cookie-store.revocation.cache";

    private final Function<String, String> env;

    /** Reads keysets named by {@code cookie-store.keyset-env} from the process environment. */
    public CookieSessionStoreProvider() {
        this(System::getenv);
    }

    CookieSessionStoreProvider(Function<String, String> env) {
        this.env = env;
    }

    /** @return the {@code cookie-store.*} keys, {@code cookie.name}, and those of every revocation list on the class path */
    @Override
    public Set<String> parameters() {
        Set<String> names = new TreeSet<>(Set.of(KEYSET_FILE, KEYSET_ENV, CLEARTEXT, AEAD, MAX_CHUNKS, COMPRESS_ABOVE,
                MAX_SESSION_BYTES, COOKIE_NAME, REVOCATION, REVOCATION_CACHE));
        RevocationLists.providers().forEach(provider -> names.addAll(provider.parameters()));
        return names;
    }

    /** @return {@code cookie} */
    @Override
    public String name() {
        return "cookie";
    }

    /**
     * @param initParams the filter's init-params
     * @return the store
     * @throws SessionException naming the init-param that is missing or wrong
     */
    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        CookieSessionStoreBuilder builder = CookieSessionStore.builder();
        params.string(AEAD, value -> builder.aead(CookieAead.parse(value, AEAD)));
        params.string(COOKIE_NAME, builder::cookieName);
        params.integer(MAX_CHUNKS, builder::maxChunks);
        if ("off".equalsIgnoreCase(params.get(COMPRESS_ABOVE))) {
            builder.compressAbove(Integer.MAX_VALUE);
        } else {
            params.integer(COMPRESS_ABOVE, builder::compressAbove);
        }
        params.integer(MAX_SESSION_BYTES, builder::maxSessionBytes);
        RevocationLists.configure(initParams, builder);
        String file = params.get(KEYSET_FILE);
        String variable = params.get(KEYSET_ENV);
        if ((file == null) == (variable == null)) {
            throw new SessionException(file == null
                    ? "store=cookie needs a keyset: set " + KEYSET_FILE + " (a file) or " + KEYSET_ENV
                    + " (an environment variable) to a Tink JSON keyset, and " + CLEARTEXT + "=true."
                    + " Generate one with: " + Keysets.HOW_TO_GENERATE
                    : "Set only one of " + KEYSET_FILE + " and " + KEYSET_ENV);
        }
        boolean[] cleartext = {false};
        params.bool(CLEARTEXT, value -> cleartext[0] = value);
        String source = file != null ? KEYSET_FILE + "=" + file : KEYSET_ENV + "=" + variable;
        return builder.keyset(keyset(file, variable, source, cleartext[0]), source).build();
    }

    private KeysetHandle keyset(String file, String variable, String source, boolean cleartext) {
        if (!cleartext) {
            throw new SessionException(source + " is a cleartext keyset: whoever reads it can forge any session."
                    + " Protect it like a password, then set " + CLEARTEXT + "=true to acknowledge it.");
        }
        if (file != null) {
            return Keysets.readFile(Path.of(file), source);
        }
        String json = env.apply(variable);
        if (json == null || json.isBlank()) {
            throw new SessionException(source + ": the environment variable " + variable + " is not set");
        }
        return Keysets.parse(json, source);
    }
}
