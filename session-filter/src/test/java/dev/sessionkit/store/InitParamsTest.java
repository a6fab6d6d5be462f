package dev.sessionkit.store;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitParamsTest {

    private static Duration duration(String value) {
        List<Duration> parsed = new ArrayList<>();
        new InitParams(Map.of("t", value)).duration("t", parsed::add);
        return parsed.get(0);
    }

    @Test
    void durationsTakeEveryDocumentedForm() {
        assertEquals(Duration.ofMillis(500), duration("500ms"));
        assertEquals(Duration.ofSeconds(90), duration("90s"));
        assertEquals(Duration.ofSeconds(1800), duration("1800"));
        assertEquals(Duration.ofMinutes(30), duration("30m"));
        assertEquals(Duration.ofHours(8), duration("8H"));
        assertEquals(Duration.ofDays(2), duration("2d"));
        assertEquals(Duration.ofMinutes(30), duration("PT30M"));
    }

    @Test
    void aBadDurationNamesTheParamAndTheForms() {
        String message = assertThrows(SessionException.class, () -> duration("5 minutes")).getMessage();
        assertTrue(message.startsWith("t must be a duration") && message.contains("500ms"), message);
        assertThrows(SessionException.class, () -> duration("ms"));
    }
}
