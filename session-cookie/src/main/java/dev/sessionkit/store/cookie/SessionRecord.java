package dev.sessionkit.store.cookie;

import dev.sessionkit.SessionException;
import dev.sessionkit.codec.SessionDataCodec;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionInfo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the revocation list keeps of a logged-in cookie session for the admin view: the issue time of its
 * last cookie, its metadata, attribute names and login details ({@link SessionInfo#DETAILS_ATTRIBUTE}),
 * never another attribute's value. Written as {@code issuedAt;} and a session document with the values
 * emptied, at most {@value #MAX_CHARS} characters: past that the attribute names, then the details, are left
 * out.
 *
 * @param issuedAt when the session's last cookie was sealed ({@link IssueClock})
 * @param info     what the admin view shows
 */
record SessionRecord(long issuedAt, SessionInfo info) {

    static final int MAX_CHARS = 8000;
    /** An attribute value emptied: the codec's array form, with nothing in it, so the document still parses. */
    private static final byte[] EMPTY = "[]".getBytes(StandardCharsets.US_ASCII);

    static String describe(SessionData session, long issuedAt) {
        Map<String, byte[]> names = new LinkedHashMap<>();
        session.attributes().forEach((name, value) -> names.put(name, name.equals(SessionInfo.DETAILS_ATTRIBUTE) ? value : EMPTY));
        String prefix = issuedAt + ";";
        String record = prefix + encode(session, names);
        if (record.length() > MAX_CHARS) {
            names.keySet().retainAll(Set.of(SessionInfo.DETAILS_ATTRIBUTE));
            record = prefix + encode(session, names);
        }
        return record.length() > MAX_CHARS ? prefix + encode(session, Map.of()) : record;
    }

    /** @return the session described, or null when the record is not one this version reads */
    static SessionRecord read(String record) {
        int semicolon = record.indexOf(';');
        try {
            return new SessionRecord(Long.parseLong(record.substring(0, semicolon)), SessionInfo.of(
                    SessionDataCodec.decode(record.substring(semicolon + 1).getBytes(StandardCharsets.UTF_8))));
        } catch (SessionException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String encode(SessionData session, Map<String, byte[]> attributes) {
        SessionData described = new SessionData(session.id(), session.creationTime(), session.lastAccessedTime(),
                session.maxInactiveSeconds(), session.principal(), attributes);
        return new String(SessionDataCodec.encode(described), StandardCharsets.UTF_8);
    }
}
