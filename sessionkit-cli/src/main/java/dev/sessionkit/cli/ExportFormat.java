package dev.sessionkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionkit.store.SessionData;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export file, JSON Lines: a header line in clear, one line per session, then an end line that counts
 * them, so a file cut short is told from a complete one. When the file is encrypted, every line after the
 * header is sealed on its own ({@link LineCipher}).
 *
 * <pre>
 * {"format":"sessionkit-sessions","version":1,"file":"...","encrypted":false,"exportedAt":1767225600000}
 * {"id":"...","created":...,"lastAccessed":...,"maxInactive":1800,"expires":...,"absoluteDeadline":0,
 *  "principal":"alice","attributes":{"cart":"WyJ..."}}
 * {"end":true,"sessions":1}
 * </pre>
 * {@code id} is the store's ID (the store ID under {@code store.hash-ids}); attribute values are the bytes
 * the store holds, base64: the codec's JSON, or sealed values when encryption at rest is on.
 */
final class ExportFormat {

    static final String FORMAT = "sessionkit-sessions";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private ExportFormat() {
    }

    /**
     * @param fileId     random, names this export in every sealed line's associated data
     * @param encrypted  whether the lines after the header are sealed
     * @param exportedAt epoch milliseconds
     */
    record Header(String fileId, boolean encrypted, long exportedAt) {
    }

    static String header(Header header) {
        ObjectNode node = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("file", header.fileId()).put("encrypted", header.encrypted()).put("exportedAt", header.exportedAt());
        return node.toString();
    }

    static Header parseHeader(String line, String source) {
        JsonNode node = tree(line, source + " line 1");
        if (!FORMAT.equals(node.path("format").asText())) {
            throw new CommandFailure(source + " is not a sessionkit export (its first line names no format "
                    + FORMAT + ")");
        }
        if (node.path("version").asInt() != VERSION) {
            throw new CommandFailure(source + " is version " + node.path("version").asText()
                    + " of the export format; this tool reads version " + VERSION);
        }
        return new Header(node.path("file").asText(), node.path("encrypted").asBoolean(), node.path("exportedAt").asLong());
    }

    static String session(ExportedSession exported) {
        SessionData s = exported.session();
        ObjectNode node = JSON.createObjectNode().put("id", s.id()).put("created", s.creationTime())
                .put("lastAccessed", s.lastAccessedTime()).put("maxInactive", s.maxInactiveSeconds())
                .put("expires", exported.idleExpiry()).put("absoluteDeadline", exported.absoluteDeadline())
                .put("principal", s.principal());
        ObjectNode attributes = node.putObject("attributes");
        s.attributes().forEach((name, value) -> attributes.put(name, BASE64.encodeToString(value)));
        return node.toString();
    }

    static String end(long sessions) {
        return JSON.createObjectNode().put("end", true).put("sessions", sessions).toString();
    }

    /**
     * @return the session, or null for the end line (whose count is checked against {@code read})
     */
    static ExportedSession parse(String line, String where, long read) {
        JsonNode node = tree(line, where);
        if (node.path("end").asBoolean()) {
            if (node.path("sessions").asLong(-1) != read) {
                throw new CommandFailure(where + ": the end line counts " + node.path("sessions").asText()
                        + " sessions, but the file holds " + read);
            }
            return null;
        }
        try {
            Map<String, byte[]> attributes = new LinkedHashMap<>();
            node.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), BASE64_DECODER.decode(e.getValue().asText())));
            SessionData session = new SessionData(required(node, "id", where).asText(), required(node, "created", where).asLong(),
                    required(node, "lastAccessed", where).asLong(), required(node, "maxInactive", where).asInt(),
                    node.path("principal").isTextual() ? node.get("principal").asText() : null, attributes);
            return new ExportedSession(session, node.path("absoluteDeadline").asLong());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(where + " is not a session line: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new CommandFailure(where + " lacks \"" + field + "\"");
        }
        return value;
    }

    private static JsonNode tree(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new CommandFailure(where + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CommandFailure(where + " is not JSON (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
