package dev.sessionkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One session for {@code sessions show}: metadata, then each attribute's JSON as the codec wrote it. Values
 * sealed at rest are opened with the configured {@code store.encrypt-keyset-*}, as the filter opens them; the
 * CSRF token is never printed.
 */
final class SessionDetails {

    private static final String CSRF_ATTRIBUTE = "dev.sessionkit.csrf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Aead atRest;

    SessionDetails(PrintStream out, Aead atRest) {
        this.out = out;
        this.atRest = atRest;
    }

    void print(SessionData session) {
        out.println("id:           " + session.id());
        out.println("principal:    " + (session.principal() == null ? "-" : session.principal()));
        out.println("created:      " + Instant.ofEpochMilli(session.creationTime()));
        out.println("last access:  " + Instant.ofEpochMilli(session.lastAccessedTime()));
        out.println("idle timeout: " + session.maxInactiveSeconds() + " s");
        out.println("attributes:");
        for (Map.Entry<String, byte[]> attribute : new TreeMap<>(session.attributes()).entrySet()) {
            out.println("  " + attribute.getKey() + " = " + value(session.id(), attribute.getKey(), attribute.getValue()));
        }
    }

    private String value(String id, String name, byte[] stored) {
        if (name.equals(CSRF_ATTRIBUTE)) {
            return "(hidden: the CSRF token)";
        }
        byte[] json = stored;
        if (atRest != null && !name.equals(SessionInfo.DETAILS_ATTRIBUTE)) {
            try {
                // The associated data the filter seals with: the lineage and the attribute's name.
                json = atRest.decrypt(stored, (SessionIds.lineage(id) + '\0' + name).getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                return "(sealed; does not open with the store.encrypt keyset)";
            }
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return "(" + stored.length + " bytes, not JSON: sealed at rest? configure store.encrypt-keyset-*)";
        }
    }
}
