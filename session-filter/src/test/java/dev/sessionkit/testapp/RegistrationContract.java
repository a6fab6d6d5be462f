package dev.sessionkit.testapp;

import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.CookieClient;
import dev.sessionkit.testing.ServletContainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways of installing the filter, in a real container. */
public abstract class RegistrationContract {

    protected abstract ContainerBuilder<?, ?> container();

    private static void countsTo3(ServletContainer server, String cookie) {
        CookieClient browser = new CookieClient();
        for (int i = 1; i <= 3; i++) {
            assertEquals(String.valueOf(i), browser.get(server.uri("/s/count")).body());
        }
        assertNotNull(browser.cookie(cookie), "the configured cookie name is used");
    }

    @Test
    public void webXmlWithInitParamsInstallsTheFilter() {
        try (ServletContainer server = container().webAppResource("webapps/basic").start()) {
            countsTo3(server, "WEBXML");
        }
    }

    @Test
    public void webFilterSubclassInstallsTheFilter() {
        try (ServletContainer server = container()
                .annotatedClasses(AnnotatedSessionFilter.class, AnnotatedSessionServlet.class).start()) {
            countsTo3(server, "ANNOTATED");
        }
    }

    @Test
    public void listenersRegisteredWithTheContainerHearOurSessions() {
        RecordingSessionListener.EVENTS.clear();
        try (ServletContainer server = container().webAppResource("webapps/basic").start()) {
            CookieClient browser = new CookieClient();
            browser.get(server.uri("/s/count"));
            browser.get(server.uri("/s/invalidate"));
        }
        assertEquals(java.util.List.of("XmlSessionListener:created", "XmlSessionListener:added:count",
                "XmlSessionListener:destroyed"), RecordingSessionListener.EVENTS, "a web.xml <listener>");
        RecordingSessionListener.EVENTS.clear();
        try (ServletContainer server = container().annotatedClasses(AnnotatedSessionFilter.class,
                AnnotatedSessionServlet.class, AnnotatedSessionListener.class, RecordingSessionListener.class).start()) {
            CookieClient browser = new CookieClient();
            browser.get(server.uri("/s/count"));
            browser.get(server.uri("/s/invalidate"));
        }
        assertEquals(java.util.List.of("AnnotatedSessionListener:created", "AnnotatedSessionListener:added:count",
                "AnnotatedSessionListener:destroyed"), RecordingSessionListener.EVENTS, "a @WebListener");
    }

    @Test
    public void badConfigurationFailsStartupNamingTheParameter() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> container().webAppResource("webapps/bad-secret").start().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("secret is too short"), messages::toString);
    }
}
