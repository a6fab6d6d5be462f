package dev.sessionkit.filter;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.subtle.Hkdf;
import dev.sessionkit.SessionException;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.SessionIds;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * The IDs a server-side store sees instead of session IDs: a keyed hash (HMAC-SHA256) of each, under a key
 * derived (HKDF) from the filter's signing secret, which the store never holds. So a dump, replica, backup,
 * {@code MONITOR} or key log of the store yields nothing a cookie can carry.
 *
 * <p>A store ID has the shape of a session ID, so every store takes it unchanged: the session's lineage, in
 * clear, so that rotation keeps it (and with it the Redis Cluster hash tag) and listings show the prefix a
 * user can match with their cookie, then 43 characters (256 bits) of HMAC over the whole ID. The lineage
 * is 48 of the ID's 304 bits; the 256 that make the ID unguessable are never stored. One key per signing secret, the current first: sessions stored under a
 * key of a {@code secret.previous} are found as long as that secret is configured. Thread-safe.
 */
final class StoreIds {

    private static final byte[] KDF_INFO = "sessionkit store ids v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYSET_LABEL = "sessionkit store id key".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** One initialised HMAC per key, cloned for each use: a Mac is not thread-safe, and cloning skips the key setup. */
    private final List<javax.crypto.Mac> prototypes;
    /** Recent store IDs under the current key, the one every read of a live session asks for. */
    private final RecentResults current = new RecentResults();

    private StoreIds(List<byte[]> keyBytes) {
        List<javax.crypto.Mac> macs = new ArrayList<>();
        for (byte[] bytes : keyBytes) {
            macs.add(newMac(new SecretKeySpec(bytes, "HmacSHA256")));
        }
        this.prototypes = List.copyOf(macs);
    }

    /**
     * @param config the filter's configuration
     * @return the hashing keys of its secrets, or of every key of its signing keyset, the signing one first
     */
    static StoreIds of(SessionConfig config) {
        List<byte[]> keys = new ArrayList<>();
        try {
            if (config.signingKeyset() != null) {
                for (byte[] material : keysetMaterial(config.signingKeyset())) {
                    keys.add(Hkdf.computeHkdf("HMACSHA256", material, new byte[0], KDF_INFO, 32));
                }
            } else {
                for (String secret : config.secrets()) {
                    keys.add(Hkdf.computeHkdf("HMACSHA256", secret.getBytes(StandardCharsets.UTF_8), new byte[0], KDF_INFO, 32));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SessionException("Could not derive the store ID key from the signing secret: " + e.getMessage(), e);
        }
        return new StoreIds(keys);
    }

    /** Each key of a MAC keyset, primary first, MACs a fixed label: key material only that key can give. */
    private static List<byte[]> keysetMaterial(KeysetHandle keyset) throws GeneralSecurityException {
        MacConfig.register();
        List<byte[]> material = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            KeysetHandle.Builder.Entry alone = KeysetHandle.importKey(entry.getKey());
            alone = entry.getKey().getIdRequirementOrNull() != null ? alone.withFixedId(entry.getId()) : alone.withRandomId();
            Mac mac = KeysetHandle.newBuilder().addEntry(alone.makePrimary()).build()
                    .getPrimitive(RegistryConfiguration.get(), Mac.class);
            byte[] tag = mac.computeMac(KEYSET_LABEL);
            if (entry.isPrimary()) {
                material.add(0, tag);
            } else {
                material.add(tag);
            }
        }
        return material;
    }

    /** @return how many keys there are: the current one and one per retired secret */
    int keyCount() {
        return prototypes.size();
    }

    /**
     * @param key which key, 0 for the current one
     * @param id  a well-formed session ID
     * @return the ID the store keeps the session under
     */
    String storeId(int key, String id) {
        if (key != 0) {
            return compute(key, id);
        }
        String known = current.get(id);
        if (known == null) {
            known = compute(0, id);
            current.put(id, known);
        }
        return known;
    }

    private String compute(int key, String id) {
        byte[] whole = mac(key).doFinal(id.getBytes(StandardCharsets.US_ASCII));
        return SessionIds.lineage(id) + BASE64.encodeToString(whole);
    }

    private javax.crypto.Mac mac(int key) {
        javax.crypto.Mac prototype = prototypes.get(key);
        try {
            return (javax.crypto.Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The HmacSHA256 provider " + prototype.getProvider() + " cannot clone", e);
        }
    }

    private static javax.crypto.Mac newMac(SecretKeySpec key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.clone();
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new SessionException("The JVM's HmacSHA256 cannot serve store IDs (" + e + "): set store.hash-ids=false", e);
        }
    }
}
