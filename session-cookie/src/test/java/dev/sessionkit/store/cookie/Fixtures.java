package dev.sessionkit.store.cookie;

import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Sessions, attribute values and stores for the cookie store's tests. */
final class Fixtures {

    static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());
    static final long NOW = 1_750_000_000_000L;
    static final int IDLE_SECONDS = 1800;

    private Fixtures() {
    }

    /** A store with a new AES-256-GCM keyset and the defaults. */
    static CookieSessionStore store() {
        return CookieSessionStore.builder().keyset(CookieKeys.generate(CookieAead.AES256_GCM)).build();
    }

    /** A session created and last used at {@link #NOW}, idling out after 30 minutes. */
    static SessionData session(Map<String, Object> attributes) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        attributes.forEach((name, value) -> encoded.put(name, CODEC.encode(name, value)));
        return new SessionData(SessionIds.newId(), NOW, NOW, IDLE_SECONDS, null, encoded);
    }

    static Object attribute(SessionData session, String name) {
        return CODEC.decode(session.attributes().get(name));
    }

    /** Text that does not compress: base64 of random bytes, {@code length} characters. */
    static String incompressible(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }
}
