package dev.sessionkit.spring.boot;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreHealth;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Actuator's {@code sessionkit} health entry on Spring Boot 4, whose health API moved to
 * {@code org.springframework.boot.health.contributor}. The starter is compiled against Boot 3.5, so the
 * indicator is a proxy of Boot 4's interface, built by reflection; it reports what {@link StoreHealthIndicator}
 * reports on Boot 3.5.
 */
final class BootFourHealth implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

    static final String INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.health.contributor.Health";

    private BeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = beanFactory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        ClassLoader loader = BootFourHealth.class.getClassLoader();
        Class<Object> type = (Class<Object>) ClassUtils.resolveClassName(INDICATOR, loader);
        RootBeanDefinition definition = new RootBeanDefinition(type,
                () -> indicator(beans.getBean(SessionConfig.class).store(), type, loader));
        definition.setTargetType(type);
        registry.registerBeanDefinition("sessionkitHealthIndicator", definition);
    }

    static Object indicator(SessionStore store, Class<?> indicator, ClassLoader loader) {
        Class<?> health = ClassUtils.resolveClassName(HEALTH, loader);
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "health" -> method.getParameterCount() == 0 ? health(store, health)
                    : InvocationHandler.invokeDefault(proxy, method, args);
            case "toString" -> "sessionkit store health";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> InvocationHandler.invokeDefault(proxy, method, args);
        };
        return Proxy.newProxyInstance(loader, new Class<?>[]{indicator}, handler);
    }

    private static Object health(SessionStore store, Class<?> health) throws ReflectiveOperationException {
        StoreHealth h = store.health();
        Object builder = health.getMethod(h.reachable() ? "up" : "down").invoke(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.getClass().getSimpleName());
        details.put("latencyMillis", h.latency().toMillis());
        if (!h.warnings().isEmpty()) {
            details.put("warnings", h.warnings());
        }
        details.putAll(h.details());
        Method withDetails = builder.getClass().getMethod("withDetails", Map.class);
        withDetails.invoke(builder, details);
        return builder.getClass().getMethod("build").invoke(builder);
    }
}
