package dev.sessionkit.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecExtensionTest {

    /** A third-party type: no default constructor, no setters, nothing Jackson can use without help. */
    public static final class Token {
        private final String value;

        public Token(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    abstract static class TokenMixin {
        @JsonCreator
        TokenMixin(@JsonProperty("value") String value) {
        }

        @JsonProperty("value")
        abstract String value();
    }

    /** An allowed holder whose field carries class-name type ids, as third-party mixins often declare. */
    public static final class Holder {
        @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
        public Object content;
    }

    private static final AtomicBoolean GADGET_LOADED = new AtomicBoolean();

    /** Stands for a gadget: loading it is the attack, so a static initialiser records any load. */
    public static final class Gadget {
        static {
            GADGET_LOADED.set(true);
        }

        public String command;
    }

    private static CodecExtension extension(List<Module> modules, Map<Class<?>, Class<?>> mixins, String... types) {
        return new CodecExtension() {
            @Override
            public List<Module> modules() {
                return modules;
            }

            @Override
            public Map<Class<?>, Class<?>> mixins() {
                return mixins;
            }

            @Override
            public Set<String> allowedTypes() {
                return Set.of(types);
            }
        };
    }

    private static final CodecExtension TOKEN = extension(List.of(), Map.of(Token.class, TokenMixin.class),
            Token.class.getName());

    @Test
    void aTypeTheExtensionAllowsRoundTripsThroughItsMixin() {
        AttributeCodec codec = AttributeCodec.of(List.of(), List.of(TOKEN));
        Object back = codec.decode(codec.encode("t", new Token("abc")));
        assertEquals("abc", assertInstanceOf(Token.class, back).value());
    }

    @Test
    void aModulesSerialisersAreUsed() {
        SimpleModule module = new SimpleModule("token");
        module.setMixInAnnotation(Token.class, TokenMixin.class);
        AttributeCodec codec = AttributeCodec.of(List.of(), List.of(extension(List.of(module), Map.of(), Token.class.getName())));
        assertEquals("abc", ((Token) codec.decode(codec.encode("t", new Token("abc")))).value());
    }

    @Test
    void withoutTheExtensionTheTypeIsRefused() {
        AttributeCodec codec = AttributeCodec.of(List.of(), List.of());
        assertThrows(SessionException.class, () -> codec.encode("t", new Token("abc")));
        byte[] stored = AttributeCodec.of(List.of(), List.of(TOKEN)).encode("t", new Token("abc"));
        SessionException e = assertThrows(SessionException.class, () -> codec.decode(stored));
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    }

    @Test
    void aTypeIdInsideAValueThatIsNotAllowListedIsRefusedBeforeItsClassLoads() {
        AttributeCodec codec = AttributeCodec.allowing(List.of(Holder.class.getName()));
        String gadget = CodecExtensionTest.class.getName() + "$Gadget";
        byte[] hostile = ("[\"" + Holder.class.getName() + "\",{\"content\":{\"@class\":\"" + gadget
                + "\",\"command\":\"rm -rf /\"}}]").getBytes(StandardCharsets.UTF_8);
        assertThrows(SessionException.class, () -> codec.decode(hostile));
        assertFalse(GADGET_LOADED.get(), "the codec loaded a class the allow-list does not name");
    }

    @Test
    void aTypeIdInsideAValueThatIsAllowListedIsFollowed() {
        AttributeCodec codec = AttributeCodec.of(List.of(Holder.class.getName()), List.of(TOKEN));
        Holder holder = new Holder();
        holder.content = new Token("inner");
        Holder back = (Holder) codec.decode(codec.encode("h", holder));
        assertEquals("inner", assertInstanceOf(Token.class, back.content).value());
    }

    @Test
    void aModuleThatTurnsOnDefaultTypingCannotLeaveItOn() {
        SimpleModule sneaky = new SimpleModule("sneaky") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                ObjectMapper owner = context.getOwner();
                owner.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
            }
        };
        AttributeCodec codec = AttributeCodec.of(List.of(), List.of(extension(List.of(sneaky), Map.of(), Token.class.getName())));
        // With default typing on, a plain map value would be written with type ids and a "@class" or
        // wrapper array would be followed on read; off, the map is written as plain JSON.
        String json = new String(codec.encode("m", new java.util.LinkedHashMap<>(Map.of("k", "v"))), StandardCharsets.UTF_8);
        assertEquals("[\"M\",{\"k\":\"v\"}]", json);
    }

    @Test
    void anExtensionMustNameClassesNotPackages() {
        CodecExtension wide = extension(List.of(), Map.of(), "org.example.*");
        SessionException e = assertThrows(SessionException.class, () -> AttributeCodec.of(List.of(), List.of(wide)));
        assertTrue(e.getMessage().contains("never a package"), e.getMessage());
    }
}
