package dev.sessionkit.migrate;

import dev.sessionkit.SessionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.codec.AttributeCodec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Turns Spring Session's attribute bytes (Java serialisation, its default) into sessionkit's JSON attribute
 * bytes. This is the only place in sessionkit that deserialises Java objects, and it does so only when
 * configured. It admits the configured classes and a few JDK value types by name, and rejects every other
 * class before it is even looked up (it is never loaded, so neither its static initialiser nor a gadget
 * chain through it can run); an {@link ObjectInputFilter} bounds depth, references and array sizes.
 *
 * <p>An attribute that cannot be turned into JSON (deserialisation off or refused, a class the codec does not
 * allow) is dropped with a WARNING naming it, or fails the migration of its session, as configured.
 * Thread-safe.
 */
public final class SpringAttributes {

    /** What happens to an attribute that cannot be mapped. */
    public enum Unmappable {
        /** The attribute is left out, with a WARNING naming it; the session moves without it. */
        DROP,
        /** The session is not moved: the user starts a fresh session. */
        FAIL
    }

    private static final System.Logger LOG = System.getLogger(SpringAttributes.class.getName());
    /** JDK value classes every Spring application stores; nothing here runs code while being read. */
    private static final Set<String> JDK_BASICS = Set.of("java.lang.String", "java.lang.Boolean", "java.lang.Character",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Double", "java.lang.Float", "java.math.BigDecimal", "java.math.BigInteger",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.lang.Enum");
    private static final Set<String> METADATA = Set.of("java.lang.Long", "java.lang.Integer", "java.lang.Number",
            "java.lang.String");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 20;
    private static final int MAX_REFERENCES = 10_000;
    private static final int MAX_ARRAY = 100_000;

    private final boolean javaSerialization;
    private final Set<String> allowed;
    private final Unmappable unmappable;
    private final AttributeCodec codec;
    private final LongAdder rejected = new LongAdder();

    /**
     * @param javaSerialization whether Spring's Java-serialised attributes are read at all (off: every such
     *                          attribute is unmappable)
     * @param allowedClasses    application classes to admit besides the JDK basics; the JSON codec must
     *                          be able to write them too
     * @param unmappable        what to do with an attribute that cannot be mapped
     */
    public SpringAttributes(boolean javaSerialization, List<String> allowedClasses, Unmappable unmappable) {
        this.javaSerialization = javaSerialization;
        this.allowed = Set.copyOf(allowedClasses);
        this.unmappable = unmappable;
        this.codec = AttributeCodec.allowing(allowedClasses);
    }

    /** @return how many objects the allow-list refused since start: none of them was loaded */
    public long rejected() {
        return rejected.sum();
    }

    /**
     * @param name  the attribute name
     * @param bytes Spring's serialised value
     * @return the codec's bytes, or null to drop the attribute
     * @throws SessionException when the attribute cannot be mapped and {@link Unmappable#FAIL} is configured
     */
    byte[] map(String name, byte[] bytes) {
        if (!javaSerialization) {
            return unmappable(name, "Java deserialisation is off (spring.java-serialization=false)");
        }
        Object value;
        try (ObjectInputStream in = new AllowListInputStream(new ByteArrayInputStream(bytes), this::isAllowed)) {
            value = in.readObject();
        } catch (InvalidClassException refused) {
            rejected.increment();
            return unmappable(name, "its class is not on the allow-list (spring.allowed-classes): " + refused.getMessage());
        } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
            return unmappable(name, "it cannot be read: " + unreadable);
        }
        return encode(name, value);
    }

    /** Encodes an already decoded value (from Spring's JSON serializer) with the codec. */
    byte[] encode(String name, Object value) {
        try {
            return codec.encode(name, value);
        } catch (RuntimeException notJson) {
            return unmappable(name, "the JSON codec cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " (add it to allowed-types and spring.allowed-classes): " + notJson.getMessage());
        }
    }

    /**
     * Reads a metadata number of Spring's Redis hash. Always on, even with Java deserialisation off: the
     * stream may hold exactly a {@code Long} or {@code Integer}, nothing else.
     *
     * @return the number, or null when absent or not a number
     */
    Long number(byte[] bytes, boolean json) {
        Object value = json ? jsonScalar(bytes) : strict(bytes);
        return value instanceof Number n ? n.longValue() : null;
    }

    /** Reads the principal name the same way: exactly a {@code String}; null otherwise. */
    String string(byte[] bytes, boolean json) {
        Object value = json ? jsonScalar(bytes) : strict(bytes);
        return value instanceof String text ? text : null;
    }

    private static Object strict(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (ObjectInputStream in = new AllowListInputStream(new ByteArrayInputStream(bytes), METADATA::contains)) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Object jsonScalar(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node.isIntegralNumber() ? (Object) node.longValue() : node.isTextual() ? node.textValue() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Maps a value written by Spring's {@code GenericJackson2JsonRedisSerializer}: JSON scalars, and lists and
     * maps of JDK collection types, whose type hints are removed. A value typed as any other class is
     * unmappable: the hint is never followed.
     *
     * @return the codec's bytes, or null to drop the attribute
     */
    byte[] mapJson(String name, byte[] bytes) {
        try {
            return encode(name, plain(JSON.readTree(bytes)));
        } catch (IOException | IllegalArgumentException unmappable) {
            return unmappable(name, "its JSON cannot be mapped: " + unmappable.getMessage());
        }
    }

    private static Object plain(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            if (node.size() == 2 && node.get(0).isTextual() && node.get(1).isContainerNode()) {
                return plain(checkedType(node.get(0).textValue(), node.get(1)));
            }
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isObject()) {
            if (node.has("@class")) {
                checkedType(node.get("@class").asText(), node);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!e.getKey().equals("@class")) {
                    map.put(e.getKey(), plain(e.getValue()));
                }
            });
            return map;
        }
        throw new IllegalArgumentException("null and binary values are not mapped");
    }

    private static JsonNode checkedType(String type, JsonNode value) {
        if (!type.startsWith("java.util.")) {
            throw new IllegalArgumentException("its type hint names " + type + ", which is never followed");
        }
        return value;
    }

    private boolean isAllowed(String className) {
        String name = className;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.length() == 1) {
            return true; // an array of a primitive type: [I, [J, [B...
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        return JDK_BASICS.contains(name) || allowed.contains(name);
    }

    /**
     * Refuses a class by its name, before it is looked up, so a class off the allow-list is never loaded, and
     * bounds depth, references and array sizes.
     */
    private static final class AllowListInputStream extends ObjectInputStream {

        private final Predicate<String> allowed;

        AllowListInputStream(ByteArrayInputStream in, Predicate<String> allowed) throws IOException {
            super(in);
            this.allowed = allowed;
            setObjectInputFilter(info -> info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
                    || info.arrayLength() > MAX_ARRAY ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (!allowed.test(desc.getName())) {
                throw new InvalidClassException(desc.getName(), "not on the allow-list");
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
            throw new InvalidClassException(String.join(",", interfaces), "proxies are never deserialised");
        }
    }

    private byte[] unmappable(String name, String why) {
        if (unmappable == Unmappable.FAIL) {
            throw new SessionException("Spring Session attribute '" + name + "' cannot be migrated: " + why
                    + " (spring.unmappable=fail)");
        }
        LOG.log(Level.WARNING, "Spring Session attribute ''{0}'' is dropped from a migrated session: {1}", name, why);
        return null;
    }
}
