package dev.sessionkit.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one container start deploys, frozen by {@link ContainerBuilder#start()}.
 *
 * <p>Filters, servlets and listeners are registered through the standard {@link ServletContext}
 * API from a {@link ServletContainerInitializer}, so Jetty and Tomcat get exactly the same
 * registrations and programmatic ones land after anything declared in web.xml or by annotations.
 */
record Deployment(
        String contextPath,
        Path webAppSource,
        List<Class<?>> annotatedClasses,
        List<FilterEntry> filters,
        List<ServletEntry> servlets,
        List<EventListener> listeners,
        List<ServletContainerInitializer> containerInitializers) {

    /** A filter given as an instance, or with a null instance for the container to instantiate {@code type}. */
    record FilterEntry(
            String name,
            Filter instance,
            Class<? extends Filter> type,
            Map<String, String> initParameters,
            Set<DispatcherType> dispatcherTypes,
            List<String> urlPatterns) {}

    /** A servlet given as an instance, or with a null instance for the container to instantiate {@code type}. */
    record ServletEntry(String name, Servlet instance, Class<? extends Servlet> type, List<String> urlPatterns) {}

    Deployment {
        annotatedClasses = List.copyOf(annotatedClasses);
        filters = List.copyOf(filters);
        servlets = List.copyOf(servlets);
        listeners = List.copyOf(listeners);
        containerInitializers = List.copyOf(containerInitializers);
    }

    /**
     * Whether this must be deployed as a full web application (web.xml, annotation scanning) rather
     * than as a bare servlet context.
     */
    boolean isWebApp() {
        return webAppSource != null || !annotatedClasses.isEmpty();
    }

    ServletContainerInitializer initializer() {
        return (classes, context) -> register(context);
    }

    private void register(ServletContext context) {
        for (EventListener listener : listeners) {
            context.addListener(listener);
        }
        for (FilterEntry filter : filters) {
            FilterRegistration.Dynamic registration = filter.instance() != null
                    ? context.addFilter(filter.name(), filter.instance())
                    : context.addFilter(filter.name(), filter.type());
            registration.setAsyncSupported(true);
            registration.setInitParameters(filter.initParameters());
            registration.addMappingForUrlPatterns(
                    EnumSet.copyOf(filter.dispatcherTypes()), true, filter.urlPatterns().toArray(String[]::new));
        }
        for (ServletEntry servlet : servlets) {
            ServletRegistration.Dynamic registration = servlet.instance() != null
                    ? context.addServlet(servlet.name(), servlet.instance())
                    : context.addServlet(servlet.name(), servlet.type());
            registration.setAsyncSupported(true);
            Set<String> conflicts = registration.addMapping(servlet.urlPatterns().toArray(String[]::new));
            if (!conflicts.isEmpty()) {
                throw new IllegalStateException(
                        "Servlet " + servlet.name() + ": URL patterns already mapped to another servlet: " + conflicts);
            }
        }
    }
}
