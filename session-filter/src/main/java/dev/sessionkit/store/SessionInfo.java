package dev.sessionkit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an administrator or a user's "active sessions" page may see of a session: metadata and attribute
 * names, never attribute values.
 *
 * @param id                 the session ID (show users a prefix only)
 * @param principal          the logged-in user, or null
 * @param creationTime       epoch milliseconds
 * @param lastAccessedTime   epoch milliseconds of the last recorded access
 * @param maxInactiveSeconds idle timeout in seconds
 * @param attributeNames     names of the session's attributes
 * @param details            what the application recorded at login (for example IP and user agent);
 *                           see {@code Sessions.login}
 */
public record SessionInfo(String id, String principal, long creationTime, long lastAccessedTime,
                          int maxInactiveSeconds, Set<String> attributeNames, Map<String, String> details) {

    /** The attribute under which {@code Sessions.login} keeps the login details. */
    public static final String DETAILS_ATTRIBUTE = "sessionkit.details";

    // Read with plain Jackson rather than the codec package, which depends on this one. The details are a
    // Map<String, String>, which the attribute codec writes as ["M", {"ip": "...", ...}].
    private static final ObjectMapper JSON = new ObjectMapper();

    public SessionInfo {
        attributeNames = Set.copyOf(attributeNames);
        details = Map.copyOf(details);
    }

    /**
     * Describes stored session data; the details are read from {@link #DETAILS_ATTRIBUTE}.
     *
     * @param session the session as a store holds it
     * @return its description
     */
    public static SessionInfo of(SessionData session) {
        return new SessionInfo(session.id(), session.principal(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.attributes().keySet(), detailsOf(session));
    }

    /** Shows the lineage prefix, never the whole ID: logs must not leak a credential. */
    @Override
    public String toString() {
        return "SessionInfo[lineage=" + (id != null && id.length() > SessionIds.LINEAGE_LENGTH ? SessionIds.lineage(id) : "?")
                + ", principal=" + principal + ", created=" + creationTime + ", lastAccessed=" + lastAccessedTime
                + ", maxInactive=" + maxInactiveSeconds + "s, attributes=" + attributeNames + ", details=" + details.keySet() + "]";
    }

    private static Map<String, String> detailsOf(SessionData session) {
        byte[] encoded = session.attributes().get(DETAILS_ATTRIBUTE);
        Map<String, String> details = new LinkedHashMap<>();
        if (encoded != null) {
            try {
                JsonNode value = JSON.readTree(encoded);
                if (value.isArray() && value.size() == 2 && "M".equals(value.get(0).asText())) {
                    value.get(1).properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
                }
            } catch (IOException unreadable) {
                // Details are informational; a session whose details cannot be read is still listed.
            }
        }
        return details;
    }
}
