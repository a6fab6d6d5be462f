package dev.sessionkit.sample;

import dev.sessionkit.SessionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up failures say what to change. */
class SampleAppStartupTest {

    @Test
    void takenPortIsNamedWithAnotherToTry() {
        try (SampleApp first = start("--port=0")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("--port=" + first.port()));
            assertTrue(e.getMessage().contains("Port " + first.port() + " on 127.0.0.1 is taken"), e.getMessage());
            assertTrue(e.getMessage().contains("--port="), e.getMessage());
        }
    }

    @Test
    void unreadableKeysetNamesTheSetting() {
        SessionException e = assertThrows(SessionException.class,
                () -> start("--port=0", "--store=cookie", "--keyset=/nonexistent/keyset.json"));
        assertTrue(e.getMessage().contains("cookie-store.keyset-file"), e.getMessage());
    }

    private static SampleApp start(String... args) {
        return SampleApp.start(SampleOptions.parse(args, SampleAppTest.ENV::get));
    }
}
