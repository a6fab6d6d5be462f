package dev.sessionkit.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * A string as Spring Data Redis's value serializer writes it, to name a member of Spring's index sets: Java
 * serialisation ({@code JdkSerializationRedisSerializer}, Spring Session's default) or a JSON string
 * ({@code GenericJackson2JsonRedisSerializer}). Only writes; nothing is deserialised here.
 */
final class SpringValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpringValues() {
    }

    static byte[] serialized(String value, boolean json) {
        try {
            if (json) {
                return JSON.writeValueAsBytes(value);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            return bytes.toByteArray();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always writes as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
