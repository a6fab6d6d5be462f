package dev.sessionkit.store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ID generation.
 *
 * <p>An ID is 51 URL-safe characters: an 8-character <em>lineage</em> (48 random bits) followed by 43
 * characters (256 random bits) from {@link SecureRandom}. Rotation keeps the lineage and draws 256 fresh
 * bits, so every ID holds 256 bits nobody has seen before, and a store can keep all IDs of one session on
 * one shard (the lineage is the Redis Cluster hash tag). Thread-safe.
 */
public final class SessionIds {

    /** Characters in an ID. */
    public static final int LENGTH = 51;
    /** Characters of the lineage prefix that rotation keeps. */
    public static final int LINEAGE_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    /**
     * @return a new ID with a new lineage
     */
    public static String newId() {
        return BASE64.encodeToString(randomBytes(6)) + fresh();
    }

    /**
     * @param oldId the ID being rotated away
     * @return a new ID in the same lineage
     */
    public static String rotated(String oldId) {
        return lineage(oldId) + fresh();
    }

    /**
     * @param id a session ID
     * @return its lineage: the prefix shared by every ID the session has had
     */
    public static String lineage(String id) {
        return id.substring(0, LINEAGE_LENGTH);
    }

    /**
     * Checks {@link SessionStore#rotate}'s precondition: the new ID keeps the old one's lineage.
     *
     * @param oldId the current ID
     * @param newId the proposed new ID
     * @throws IllegalArgumentException when the lineages differ or an ID is malformed
     */
    public static void checkRotation(String oldId, String newId) {
        if (!isWellFormed(oldId) || !isWellFormed(newId) || !lineage(oldId).equals(lineage(newId)) || oldId.equals(newId)) {
            throw new IllegalArgumentException("A rotated session ID must be a new ID of the same lineage:"
                    + " make it with SessionIds.rotated(oldId)");
        }
    }

    /**
     * Tells whether a string has the shape of an ID, before any store is asked.
     *
     * @param candidate any string, possibly null
     * @return true when it is 51 base64url characters
     */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String fresh() {
        // 32 bytes encode to 43 characters without padding.
        return BASE64.encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
