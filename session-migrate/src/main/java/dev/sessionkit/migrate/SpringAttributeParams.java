package dev.sessionkit.migrate;

import dev.sessionkit.store.InitParams;

import java.util.Set;

/** The init-params of {@link SpringAttributes}, shared by both Spring Session importers. */
final class SpringAttributeParams {

    static final String JAVA_SERIALIZATION = "spring.java-serialization";
    static final String ALLOWED_CLASSES = "spring.allowed-classes";
    static final String UNMAPPABLE = "spring.unmappable";
    static final Set<String> NAMES = Set.of(JAVA_SERIALIZATION, ALLOWED_CLASSES, UNMAPPABLE);

    private SpringAttributeParams() {
    }

    static SpringAttributes read(InitParams params) {
        boolean[] java = {false};
        params.bool(JAVA_SERIALIZATION, value -> java[0] = value);
        SpringAttributes.Unmappable[] unmappable = {SpringAttributes.Unmappable.DROP};
        params.enumValue(UNMAPPABLE, SpringAttributes.Unmappable.class, value -> unmappable[0] = value);
        return new SpringAttributes(java[0], params.list(ALLOWED_CLASSES), unmappable[0]);
    }
}
