package dev.sessionkit.spring.boot;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.filter.SessionFilter;
import dev.sessionkit.spring.security.SessionkitSessionRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.core.session.SessionRegistry;

import java.util.EnumSet;
import java.util.Set;

/**
 * Puts sessionkit in a Spring Boot servlet application (Boot 3.5 and 4.x): {@link SessionFilter} ahead of
 * every other filter, Spring Security's included, configured from the {@code sessionkit.*} properties (each
 * one a filter init-param of the same name); the container's own sessions turned off, so no
 * {@code JSESSIONID}; a Spring Security {@code SessionRegistry} on sessionkit's per-user index; an Actuator
 * health entry for the store.
 *
 * <p>Define a {@link SessionConfig} bean of your own to configure sessionkit in code instead.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SessionFilter.class)
public class SessionkitAutoConfiguration {

    /**
     * The filter's order: before Spring Security's filter chain (-100) and Boot's request wrappers, as Spring
     * Session's filter (whose order this is) would be.
     */
    public static final int FILTER_ORDER = Integer.MIN_VALUE + 50;

    /** Called by Spring. */
    public SessionkitAutoConfiguration() {
    }

    /**
     * @param environment where the {@code sessionkit.*} properties are
     * @param beans       for Boot's DataSource and MeterRegistry, when there are
     * @return the configuration
     */
    @Bean
    @ConditionalOnMissingBean
    public SessionConfig sessionkitConfig(Environment environment, BeanFactory beans) {
        return SessionkitConfigFactory.create(environment, beans, SessionkitAutoConfiguration.class.getClassLoader());
    }

    /**
     * @param config the configuration
     * @return the filter, for every dispatch of every URL
     */
    @Bean
    public FilterRegistrationBean<SessionFilter> sessionkitFilter(SessionConfig config) {
        FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(new SessionFilter(config));
        registration.setName("sessionkit");
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Turns off the container's session tracking: sessions are sessionkit's, and nothing should make the
     * container send a {@code JSESSIONID} cookie or rewrite URLs with one.
     *
     * @return the initializer
     */
    @Bean
    public ServletContextInitializer sessionkitNoContainerSessions() {
        return servletContext -> servletContext.setSessionTrackingModes(Set.of());
    }

    /** Spring Security's concurrent-session control across servers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.session.SessionRegistry")
    @ConditionalOnExpression("'${sessionkit.store:memory}' != 'cookie'")
    static class SecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean(SessionRegistry.class)
        SessionRegistry sessionkitSessionRegistry(SessionConfig config) {
            return new SessionkitSessionRegistry(config.store().admin().orElseThrow(() -> new IllegalStateException(
                    "sessionkit's store keeps no list of sessions: Spring Security's maximumSessions needs store=memory,"
                            + " redis or jdbc")));
        }
    }

    /** The store's health on Actuator (Spring Boot 3.5's health API). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sessionkitHealthIndicator")
        StoreHealthIndicator sessionkitHealthIndicator(SessionConfig config) {
            return new StoreHealthIndicator(config.store());
        }
    }

    /** The store's health on Actuator (Spring Boot 4's health API). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BootFourHealth.INDICATOR)
    @Import(BootFourHealth.class)
    static class BootFourHealthConfiguration {
    }
}
