package dev.sessionkit.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessionkit.SessionException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns attribute values into JSON bytes and back, deserialising only types on an allow-list.
 *
 * <p>Each value is written as {@code [type, value]}. JDK scalars (String, Boolean, the boxed numbers,
 * Character, BigDecimal, BigInteger, UUID, byte[]) have short type tags; {@code java.time} values are
 * allowed by class name. Lists, Sets and Maps with String keys are allowed when everything inside them
 * is JSON-native (strings, booleans, numbers, null, lists, maps); they come back as ArrayList,
 * LinkedHashSet and LinkedHashMap with numbers as Integer, Long, BigInteger or Double by size. Any other
 * class, typically an application record or POJO, must be named in the allow-list, exactly or by
 * package; it is written by Jackson from its properties and read back into the same class. Third-party
 * types that need Jackson modules or mixins come in through {@link CodecExtension}s, each naming the
 * exact classes it allows. Default typing is never on for JDK and application values, whatever a module
 * does; an extension that needs type ids inside its values ({@link CodecExtension#typeIds()}, as Spring
 * Security's modules do) gets them only inside values of its own classes, where an id may name only one of
 * those exact classes. Every class name the JSON carries, the one at the top and any polymorphic type id
 * inside the value, is checked against the allow-list before the class is loaded.
 *
 * <p>Thread-safe and immutable.
 */
public final class AttributeCodec {

    private static final Map<Class<?>, String> TAGS = Map.ofEntries(
            Map.entry(String.class, "s"), Map.entry(Boolean.class, "b"), Map.entry(Integer.class, "i"),
            Map.entry(Long.class, "l"), Map.entry(Double.class, "d"), Map.entry(Float.class, "f"),
            Map.entry(Short.class, "h"), Map.entry(Byte.class, "y"), Map.entry(Character.class, "c"),
            Map.entry(BigDecimal.class, "D"), Map.entry(BigInteger.class, "I"), Map.entry(UUID.class, "u"),
            Map.entry(byte[].class, "B"));
    private static final Map<String, Class<?>> TAGGED = invert(TAGS);
    private static final String LIST = "L";
    private static final String SET = "E";
    private static final String MAP = "M";
    private static final Set<String> JDK_ALLOWED_PACKAGES = Set.of("java.time.");

    private final Set<String> allowedClasses;
    private final List<String> allowedPackages;
    private final ObjectMapper plain;
    private final Set<String> typedClasses;
    private final ObjectMapper typed;
    private final RecentValues recent = new RecentValues();

    private AttributeCodec(Set<String> allowedClasses, List<String> allowedPackages, List<CodecExtension> extensions) {
        this.allowedClasses = Set.copyOf(allowedClasses);
        this.allowedPackages = List.copyOf(allowedPackages);
        this.plain = mapper(extensions, false, this::isAllowed);
        this.typedClasses = new LinkedHashSet<>();
        extensions.stream().filter(CodecExtension::typeIds).forEach(e -> typedClasses.addAll(e.allowedTypes()));
        this.typed = typedClasses.isEmpty() ? null : mapper(extensions, true, typedClasses::contains);
    }

    /**
     * The JSON mapper. Whatever the modules do to it, default typing ends up off, or, for the typed mapper,
     * on with a validator that knows only the typed extensions' exact classes; and every type id inside a
     * value meets the allow-list by name before its class is loaded.
     */
    private static ObjectMapper mapper(List<CodecExtension> extensions, boolean typeIds, Predicate<String> allowed) {
        JsonMapper.Builder builder = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (CodecExtension extension : extensions) {
            extension.modules().forEach(builder::addModule);
            extension.mixins().forEach(builder::addMixIn);
        }
        AllowListValidator validator = new AllowListValidator(allowed);
        builder.deactivateDefaultTyping().polymorphicTypeValidator(validator);
        if (typeIds) {
            builder.activateDefaultTypingAsProperty(validator, ObjectMapper.DefaultTyping.NON_FINAL, "@class");
        }
        return builder.build();
    }

    /**
     * @param allowedTypes names of allowed application classes, or of packages ending in ".*" (whose
     *                     classes and sub-packages are allowed)
     * @return a codec that accepts JDK basics and the given types
     */
    public static AttributeCodec allowing(Collection<String> allowedTypes) {
        return of(allowedTypes, List.of());
    }

    /**
     * @param allowedTypes names of allowed application classes, or of packages ending in ".*"
     * @param extensions   Jackson modules and mixins for third-party types, each with the exact classes it
     *                     allows
     * @return a codec that accepts JDK basics, the given types and the extensions' types
     * @throws SessionException when an extension names a package instead of classes
     */
    public static AttributeCodec of(Collection<String> allowedTypes, List<CodecExtension> extensions) {
        Set<String> classes = new LinkedHashSet<>();
        List<String> packages = new ArrayList<>(JDK_ALLOWED_PACKAGES);
        for (String type : allowedTypes) {
            String t = type.trim();
            if (t.endsWith(".*")) {
                packages.add(t.substring(0, t.length() - 1));
            } else if (!t.isEmpty()) {
                classes.add(t);
            }
        }
        for (CodecExtension extension : extensions) {
            for (String type : extension.allowedTypes()) {
                if (type.endsWith("*") || type.isBlank()) {
                    throw new SessionException("Codec extension " + extension.getClass().getName() + " allows '"
                            + type + "': an extension must name each class it serves, never a package");
                }
                classes.add(type);
            }
        }
        return new AttributeCodec(classes, packages, List.copyOf(extensions));
    }

    /**
     * Encodes one attribute value.
     *
     * @param name  the attribute name, for the error message
     * @param value the value, never null
     * @return JSON bytes
     * @throws SessionException when the type is not allowed or Jackson cannot write it
     */
    public byte[] encode(String name, Object value) {
        try {
            String tag = tagOf(name, value);
            ObjectMapper mapper = mapperFor(tag);
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            try (JsonGenerator json = mapper.createGenerator(out)) {
                json.writeStartArray();
                json.writeString(tag);
                mapper.writeValue(json, value);
                json.writeEndArray();
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof SessionException se) {
                throw se;
            }
            throw new SessionException("Session attribute '" + name + "' (" + value.getClass().getName()
                    + ") could not be serialised to JSON: " + e.getMessage()
                    + ". Store plain data: a record or POJO with getters, or JDK values.", e);
        }
    }

    /**
     * Decodes one attribute value. A small value of an immutable type (a string, a boxed primitive) may be
     * the instance an earlier call returned for the same bytes; any other value is new on every call.
     *
     * @param bytes what {@link #encode} wrote
     * @return the value
     * @throws SessionException when the bytes are malformed or name a type that is not allowed
     */
    public Object decode(byte[] bytes) {
        Object known = recent.get(bytes);
        if (known != null) {
            return known;
        }
        Object value = parse(bytes);
        recent.offer(bytes, value);
        return value;
    }

    private Object parse(byte[] bytes) {
        try (JsonParser parser = plain.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new SessionException("Stored attribute is not a sessionkit value");
            }
            String tag = parser.getText();
            Class<?> type = typeOf(tag);
            ObjectMapper mapper = mapperFor(tag);
            // Deserialisers that read nested values through the parser's codec (Spring Security's do) must get
            // the mapper that reads this value.
            parser.setCodec(mapper);
            parser.nextToken();
            Object value = mapper.readValue(parser, type);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new SessionException("Stored attribute has trailing data");
            }
            return value;
        } catch (IOException e) {
            throw new SessionException("Stored attribute is not valid JSON: " + e.getMessage(), e);
        }
    }

    private ObjectMapper mapperFor(String tag) {
        return typed != null && typedClasses.contains(tag) ? typed : plain;
    }

    private String tagOf(String name, Object value) {
        Class<?> type = value.getClass();
        String tag = TAGS.get(type);
        if (tag != null) {
            return tag;
        }
        if (value instanceof List<?> list) {
            requireJsonNative(name, list);
            return LIST;
        }
        if (value instanceof Set<?> set) {
            requireJsonNative(name, set);
            return SET;
        }
        if (value instanceof Map<?, ?> map) {
            requireJsonNative(name, map);
            return MAP;
        }
        Class<?> declared = value instanceof Enum<?> constant ? constant.getDeclaringClass() : type;
        String className = declared.isAnonymousClass() || declared.isSynthetic() ? null : declared.getName();
        if (className == null || !isAllowed(className)) {
            throw new SessionException("Session attribute '" + name + "' has type " + type.getName()
                    + ", which is not on the codec allow-list. Add the class (or its package as \"pkg.*\") to"
                    + " allowedTypes so it can be read back.");
        }
        return className;
    }

    private Class<?> typeOf(String tag) {
        Class<?> tagged = TAGGED.get(tag);
        if (tagged != null) {
            return tagged;
        }
        switch (tag) {
            case LIST:
                return ArrayList.class;
            case SET:
                return LinkedHashSet.class;
            case MAP:
                return LinkedHashMap.class;
            default:
                if (!isAllowed(tag)) {
                    throw new SessionException("Stored attribute names type " + tag + ", which is not allowed");
                }
                return load(tag);
        }
    }

    private boolean isAllowed(String className) {
        if (allowedClasses.contains(className)) {
            return true;
        }
        for (String pkg : allowedPackages) {
            if (className.startsWith(pkg)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> load(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, false, loader != null ? loader : AttributeCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SessionException("Stored attribute names class " + className + ", which is not on the classpath", e);
        }
    }

    private static void requireJsonNative(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigInteger) {
            return;
        }
        if (value instanceof Collection<?> c) {
            for (Object element : c) {
                requireJsonNative(name, element);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new SessionException("Session attribute '" + name + "' is a map with a non-String key ("
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "); use String keys.");
                }
                requireJsonNative(name, e.getValue());
            }
            return;
        }
        throw new SessionException("Session attribute '" + name + "' is a collection holding a "
                + value.getClass().getName() + ": collections may hold only strings, booleans, integers, longs,"
                + " doubles, lists and maps. Wrap typed data in an allowed record instead.");
    }

    private static Map<String, Class<?>> invert(Map<Class<?>, String> tags) {
        Map<String, Class<?>> inverted = new LinkedHashMap<>();
        tags.forEach((type, tag) -> inverted.put(tag, type));
        return Map.copyOf(inverted);
    }
}
