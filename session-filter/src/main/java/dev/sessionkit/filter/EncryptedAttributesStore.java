package dev.sessionkit.filter;

import com.google.crypto.tink.Aead;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionStore;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals attribute values with a Tink AEAD before a server-side store sees them, and opens them on load.
 * The associated data is the session's lineage and the attribute's name, so a value copied to another
 * session or another attribute does not open. Metadata stays readable: times, idle timeout, principal,
 * attribute names, and the login details the admin view shows ({@link SessionInfo#DETAILS_ATTRIBUTE}).
 *
 * <p>A value that does not open (another key, tampered, moved, or written before encryption was on) reads
 * as absent and is logged; its stored bytes are kept until the application overwrites the attribute.
 */
final class EncryptedAttributesStore extends ForwardingSessionStore {

    private static final System.Logger LOG = System.getLogger(EncryptedAttributesStore.class.getName());

    private final Aead aead;

    EncryptedAttributesStore(SessionStore delegate, Aead aead) {
        super(delegate);
        this.aead = aead;
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        LoadResult result = super.load(token, now, touchAfterMillis);
        return switch (result.status()) {
            case FOUND -> LoadResult.found(opened(aead, result.session()));
            case EXPIRED, ABSENT, ROTATED -> result;
        };
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
            String name = attribute.getKey();
            if (changes.isNew() || changes.set().contains(name)) {
                sealed.put(name, seal(session.id(), name, attribute.getValue()));
            }
        }
        return super.save(new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), sealed), changes);
    }

    private byte[] seal(String id, String name, byte[] value) {
        if (name.equals(SessionInfo.DETAILS_ATTRIBUTE)) {
            return value;
        }
        try {
            return aead.encrypt(value, associatedData(id, name));
        } catch (GeneralSecurityException e) {
            throw new SessionException("Could not encrypt session attribute '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param aead    the {@code store.encrypt} AEAD
     * @param session a session as the store holds it, under the ID its attributes were sealed with
     * @return the session with its attributes opened; a value that does not open is left out and logged
     */
    static SessionData opened(Aead aead, SessionData session) {
        Map<String, byte[]> opened = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
            String name = attribute.getKey();
            if (name.equals(SessionInfo.DETAILS_ATTRIBUTE)) {
                opened.put(name, attribute.getValue());
                continue;
            }
            try {
                opened.put(name, aead.decrypt(attribute.getValue(), associatedData(session.id(), name)));
            } catch (GeneralSecurityException e) {
                LOG.log(Level.WARNING, "Session attribute ''{0}'' does not open with the store.encrypt keyset (another"
                        + " key, tampered, or written before encryption was on): it reads as absent", name);
            }
        }
        return new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), opened);
    }

    private static byte[] associatedData(String id, String name) {
        return (SessionIds.lineage(id) + '\0' + name).getBytes(StandardCharsets.UTF_8);
    }
}
