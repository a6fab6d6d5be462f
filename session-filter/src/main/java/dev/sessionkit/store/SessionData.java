package dev.sessionkit.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One session as a store keeps it: metadata plus attributes already encoded as JSON bytes.
 *
 * <p>Immutable and thread-safe. Attribute values are the codec's bytes, never application objects,
 * so a store moves bytes and never needs the application's classes. The byte arrays are shared, not
 * copied: callers must not modify them. Two sessions are equal when their metadata and every attribute's
 * bytes are (not the identity of the arrays, as a record's default would compare).
 *
 * @param id                 the session ID, never null
 * @param creationTime       epoch milliseconds when the session was created
 * @param lastAccessedTime   epoch milliseconds of the last recorded access
 * @param maxInactiveSeconds idle timeout in seconds; zero or less means the session never idles out
 * @param principal          the user the application logged in with this session, or null
 * @param attributes         attribute name to encoded value, never null
 */
public record SessionData(String id, long creationTime, long lastAccessedTime, int maxInactiveSeconds,
                          String principal, Map<String, byte[]> attributes) {

    public SessionData {
        Objects.requireNonNull(id, "id");
        attributes = FrozenAttributes.of(attributes);
    }

    /**
     * Returns a copy of this session with another ID, as rotation does.
     *
     * @param newId the new ID, never null
     * @return the same data under {@code newId}
     */
    public SessionData withId(String newId) {
        return new SessionData(newId, creationTime, lastAccessedTime, maxInactiveSeconds, principal, attributes);
    }

    /**
     * Returns a copy of this session that records an access at {@code time}.
     *
     * @param time epoch milliseconds
     * @return the same data with {@code lastAccessedTime} set to {@code time}
     */
    public SessionData accessedAt(long time) {
        return new SessionData(id, creationTime, time, maxInactiveSeconds, principal, attributes);
    }

    /**
     * Tells whether the session has been idle longer than its timeout at {@code now}.
     *
     * @param now epoch milliseconds
     * @return true when {@code maxInactiveSeconds} is positive and has elapsed since the last access
     */
    public boolean isIdleExpired(long now) {
        return maxInactiveSeconds > 0 && now - lastAccessedTime > maxInactiveSeconds * 1000L;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionData other) || !id.equals(other.id) || creationTime != other.creationTime
                || lastAccessedTime != other.lastAccessedTime || maxInactiveSeconds != other.maxInactiveSeconds
                || !Objects.equals(principal, other.principal) || !attributes.keySet().equals(other.attributes.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : attributes.entrySet()) {
            if (!Arrays.equals(entry.getValue(), other.attributes.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(id, creationTime, lastAccessedTime, maxInactiveSeconds, principal);
        for (Map.Entry<String, byte[]> entry : attributes.entrySet()) {
            // Summed, as Map.hashCode does, so attribute order does not matter.
            hash += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        // Never print the ID: logs must not leak credentials.
        return "SessionData[created=" + creationTime + ", lastAccessed=" + lastAccessedTime
                + ", maxInactive=" + maxInactiveSeconds + "s, attributes=" + attributes.keySet() + "]";
    }
}
