package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a session maps to its Redis hash: metadata under {@code m:} fields, each attribute under
 * {@code a:<name>} (see {@link Keys}), so no attribute name can overwrite metadata. Data that cannot be
 * read (missing or non-numeric metadata) decodes as no session and is logged once per kind of problem.
 * Thread-safe.
 */
final class SessionHash {

    private static final System.Logger LOG = System.getLogger(SessionHash.class.getName());

    private final String endpoint;
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();

    SessionHash(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @throws IllegalArgumentException when {@code changes.set()} names an attribute the session does not hold
     */
    static SaveScript.SaveArgs saveArgs(SessionData session, SessionChanges changes, long absoluteTimeoutMillis) {
        Map<String, byte[]> set = new LinkedHashMap<>();
        for (String name : changes.set()) {
            byte[] value = session.attributes().get(name);
            if (value == null) {
                throw new IllegalArgumentException("changes.set() names attribute '" + name + "', which the session does not hold");
            }
            set.put(Keys.ATTRIBUTE + name, value);
        }
        Set<String> removed = new LinkedHashSet<>();
        changes.removed().forEach(name -> removed.add(Keys.ATTRIBUTE + name));
        return new SaveScript.SaveArgs(changes.isNew(), session.lastAccessedTime(), absoluteTimeoutMillis,
                session.creationTime(), session.maxInactiveSeconds(), changes.metadataChanged(), session.principal(),
                set, removed);
    }

    /** Turns a session hash into a session, or null (logged) when it is empty or cannot be read. */
    SessionData decode(String id, Map<byte[], byte[]> hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        Long created = null;
        Long accessed = null;
        Long maxInactive = null;
        String principal = null;
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> entry : hash.entrySet()) {
            String field = new String(entry.getKey(), StandardCharsets.UTF_8);
            byte[] value = entry.getValue();
            switch (field) {
                case Keys.CREATED -> created = number(value);
                case Keys.ACCESSED -> accessed = number(value);
                case Keys.MAX_INACTIVE -> maxInactive = number(value);
                case Keys.PRINCIPAL -> principal = new String(value, StandardCharsets.UTF_8);
                default -> {
                    // Fields of neither kind are left for whoever wrote them.
                    if (field.startsWith(Keys.ATTRIBUTE)) {
                        attributes.put(field.substring(Keys.ATTRIBUTE.length()), value);
                    }
                }
            }
        }
        if (created == null || accessed == null || maxInactive == null) {
            problem("a session hash lacks " + Keys.CREATED + ", " + Keys.ACCESSED + " or " + Keys.MAX_INACTIVE
                    + ", or one of them is not a whole number");
            return null;
        }
        if (maxInactive < Integer.MIN_VALUE || maxInactive > Integer.MAX_VALUE) {
            problem("a session's " + Keys.MAX_INACTIVE + " is out of range");
            return null;
        }
        return new SessionData(id, created, accessed, maxInactive.intValue(), principal, attributes);
    }

    /** Logs, once per kind, a session key that holds another type than a hash: it is treated as no session. */
    void wrongType() {
        problem("a session key holds another type than a hash");
    }

    /** @return a whole number field's value, or null when it is not one */
    static Long number(byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void problem(String cause) {
        if (reportedProblems.add(cause)) {
            LOG.log(System.Logger.Level.WARNING, "Unreadable session data in " + endpoint + " (" + cause
                    + "); such sessions are treated as absent. Further occurrences of this problem are not logged.");
        }
    }
}
