package dev.sessionkit.spring.boot.it;

import dev.sessionkit.spring.boot.SessionkitFailureAnalyzer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boot's "APPLICATION FAILED TO START" for sessionkit's mistakes: one paragraph naming the property. */
@Tag("tomcat")
class MissingSecretTest {

    private static FailureAnalysis analysisOf(Map<String, String> properties) {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> DemoApplication.start(DemoApplication.withoutDatabase(properties)).close());
        FailureAnalysis analysis = new SessionkitFailureAnalyzer().analyze(failure);
        assertNotNull(analysis, "sessionkit's failure analyzer did not recognise: " + failure);
        assertFalse(analysis.getDescription().contains("\n"), "more than one paragraph: " + analysis.getDescription());
        return analysis;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis", "jdbc"})
    void anAppWithoutASecretRefusesToStartNamingTheProperty(String store) {
        FailureAnalysis analysis = analysisOf(Map.of("sessionkit.store", store));
        assertTrue(analysis.getDescription().contains("sessionkit.secret is not set"), analysis.getDescription());
        assertTrue(analysis.getAction().contains("SESSIONKIT_SECRET"), analysis.getAction());
        assertTrue(analysis.getAction().contains("openssl rand"), analysis.getAction());
    }

    @Test
    void anUnknownStoreRefusesToStartNamingTheProperty() {
        FailureAnalysis analysis = analysisOf(Map.of("sessionkit.secret", DemoApplication.SECRET, "sessionkit.store", "mongo"));
        assertTrue(analysis.getDescription().contains("mongo"), analysis.getDescription());
        assertTrue(analysis.getAction().contains("sessionkit.store"), analysis.getAction());
    }

    @Test
    void aMisspelledPropertyRefusesToStartWithTheNearestName() {
        FailureAnalysis analysis = analysisOf(Map.of("sessionkit.secret", DemoApplication.SECRET, "sessionkit.timeout.idel", "10m"));
        assertTrue(analysis.getDescription().contains("did you mean timeout.idle"), analysis.getDescription());
        assertTrue(analysis.getAction().contains("sessionkit.timeout.idel"), analysis.getAction());
    }
}
