package dev.sessionkit.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sessionkit.SessionException;
import dev.sessionkit.store.SessionData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a whole {@link SessionData} as one JSON document and reads it back, for stores that keep a
 * session in one piece (the cookie store). Attribute values are embedded as the {@link AttributeCodec}'s
 * JSON, untouched, so this codec never needs application classes.
 *
 * <p>Format, version 1: {@code {"v":1,"id":…,"c":created,"a":lastAccess,"m":maxInactive,"p":principal,
 * "at":{name: value, …}}}. Thread-safe.
 */
public final class SessionDataCodec {

    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SessionDataCodec() {
    }

    /**
     * @param session the session
     * @return its JSON document as UTF-8 bytes
     */
    public static byte[] encode(SessionData session) {
        // Written by hand rather than through a JsonGenerator: the attribute values are already JSON bytes
        // and are copied as they stand, and only the strings are escaped.
        int size = 96 + session.id().length() + (session.principal() == null ? 0 : 6 + session.principal().length());
        for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
            size += attribute.getKey().length() + attribute.getValue().length + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        ascii(out, "{\"v\":" + VERSION + ",\"id\":");
        string(out, session.id());
        ascii(out, ",\"c\":" + session.creationTime() + ",\"a\":" + session.lastAccessedTime()
                + ",\"m\":" + session.maxInactiveSeconds());
        if (session.principal() != null) {
            ascii(out, ",\"p\":");
            string(out, session.principal());
        }
        ascii(out, ",\"at\":{");
        boolean first = true;
        for (Map.Entry<String, byte[]> attribute : session.attributes().entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            string(out, attribute.getKey());
            out.write(':');
            out.writeBytes(attribute.getValue());
        }
        ascii(out, "}}");
        return out.toByteArray();
    }

    /**
     * @param bytes what {@link #encode} wrote
     * @return the session
     * @throws SessionException when the bytes are not a version-1 session document
     */
    public static SessionData decode(byte[] bytes) {
        String id = null;
        long created = -1;
        long accessed = -1;
        int maxInactive = 0;
        String principal = null;
        int version = 0;
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        try (JsonParser json = MAPPER.createParser(bytes)) {
            expect(json.nextToken() == JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "v" -> version = json.getIntValue();
                    case "id" -> id = json.getValueAsString();
                    case "c" -> created = json.getLongValue();
                    case "a" -> accessed = json.getLongValue();
                    case "m" -> maxInactive = json.getIntValue();
                    case "p" -> principal = json.getValueAsString();
                    case "at" -> {
                        expect(token == JsonToken.START_OBJECT);
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            // Every attribute value is the codec's [type, value] array: its bytes are copied
                            // as they stand instead of being parsed into a tree and written again.
                            expect(json.nextToken() == JsonToken.START_ARRAY);
                            int start = (int) json.currentTokenLocation().getByteOffset();
                            json.skipChildren();
                            int end = (int) json.currentLocation().getByteOffset();
                            attributes.put(name, Arrays.copyOfRange(bytes, start, end));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            expect(json.nextToken() == null);
        } catch (IOException | RuntimeException e) {
            throw new SessionException("Stored session is not a valid session document", e);
        }
        expect(version == VERSION && id != null && created >= 0 && accessed >= 0);
        return new SessionData(id, created, accessed, maxInactive, principal, attributes);
    }

    private static void string(ByteArrayOutputStream out, String value) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw new SessionException("Stored session is not a valid session document");
        }
    }
}
