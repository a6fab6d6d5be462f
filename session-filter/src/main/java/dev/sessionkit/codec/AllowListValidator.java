package dev.sessionkit.codec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

import java.util.function.Predicate;

/**
 * Checks every polymorphic type id Jackson meets inside a value ({@code @JsonTypeInfo} on an allowed class,
 * or from a module's mixin) against the codec's allow-list, by name, before Jackson loads the class. Jackson's
 * own default validator allows any class, which is how gadget chains get in.
 */
final class AllowListValidator extends PolymorphicTypeValidator.Base {

    private final transient Predicate<String> allowed;

    AllowListValidator(Predicate<String> allowed) {
        this.allowed = allowed;
    }

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
        return Validity.INDETERMINATE;
    }

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        return allowed.test(subClassName) ? Validity.ALLOWED : Validity.DENIED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return allowed.test(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
    }
}
