package dev.sessionkit.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.SessionStoreProvider;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigurationMetadataTest {

    @Test
    void everyInitParamOfTheFilterAndOfEachStoreHasADocumentedProperty() throws Exception {
        Set<String> initParams = new TreeSet<>(coreInitParams());
        initParams.addAll(builtIn("MemoryStoreProvider").parameters());
        for (SessionStoreProvider provider : ServiceLoader.load(SessionStoreProvider.class)) {
            initParams.addAll(provider.parameters());
        }
        Set<String> properties = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                properties.add(property.get("name").asText().substring("sessionkit.".length()));
            }
        }
        assertEquals(initParams, properties);
    }

    private static SessionStoreProvider builtIn(String name) throws ReflectiveOperationException {
        var constructor = Class.forName(SessionConfig.class.getPackageName() + "." + name).getDeclaredConstructor();
        constructor.setAccessible(true);
        return (SessionStoreProvider) constructor.newInstance();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> coreInitParams() throws ReflectiveOperationException {
        Field core = Class.forName(SessionConfig.class.getPackageName() + ".KnownParams").getDeclaredField("CORE");
        core.setAccessible(true);
        return (Set<String>) core.get(null);
    }
}
