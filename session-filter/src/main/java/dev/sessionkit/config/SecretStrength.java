package dev.sessionkit.config;

import dev.sessionkit.SessionException;

import java.util.HashMap;
import java.util.Map;

/**
 * Refuses guessable signing secrets. Length alone lets {@code aaaa...} through, so the secret must also
 * use at least {@value #MIN_DISTINCT} different characters and carry about {@value #MIN_BITS} bits by a
 * per-character estimate (length times the Shannon entropy of its character frequencies). Random output
 * passes easily: {@code openssl rand -base64 48} scores about 330 bits, {@code openssl rand -hex 32} 240.
 */
final class SecretStrength {

    static final int MIN_LENGTH = 32;
    static final int MIN_DISTINCT = 12;
    static final int MIN_BITS = 128;

    static final String NO_SECRET = "No signing secret: set the 'secret' init-param (or 'secret.env', the name of an"
            + " environment variable holding it), or call SessionConfig.builder().secret(...), with at least "
            + MIN_LENGTH + " random characters. Generate one with: openssl rand -base64 48";

    private SecretStrength() {
    }

    /**
     * @param option the init-param and builder method, for the message
     * @return the secret
     */
    static String check(String option, String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new SessionException(option + " is too short: use at least " + MIN_LENGTH
                    + " random characters. " + HOW_TO);
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : secret.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double bits = estimatedBits(secret.length(), counts);
        if (counts.size() < MIN_DISTINCT || bits < MIN_BITS) {
            throw new SessionException(option + " is too predictable: it uses " + counts.size()
                    + " different characters and carries an estimated " + (int) bits + " bits; a secret needs at least "
                    + MIN_DISTINCT + " different characters and " + MIN_BITS + " bits. " + HOW_TO);
        }
        return secret;
    }

    private static final String HOW_TO = "Generate one with: openssl rand -base64 48";

    private static double estimatedBits(int length, Map<Character, Integer> counts) {
        double perCharacter = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            perCharacter -= p * Math.log(p) / Math.log(2);
        }
        return perCharacter * length;
    }
}
