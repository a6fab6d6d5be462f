package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.metrics.MicrometerSessionMetrics;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.testapp.RecordingSessionListener;
import org.junit.jupiter.api.Test;

import java.util.EventListener;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics and listeners named by init-params are made by reflection; a misspelled name is matched to the one meant. */
class PluginsAndSpellingTest {

    @Test
    void metricsAreNoneOrMicrometerAndNothingElse() {
        assertSame(SessionMetrics.NONE, Plugins.metrics("none"));
        assertInstanceOf(MicrometerSessionMetrics.class, Plugins.metrics("micrometer"));
        String message = assertThrows(SessionException.class, () -> Plugins.metrics("prometheus")).getMessage();
        assertTrue(message.contains("micrometer or none") && message.contains("prometheus"), message);
    }

    @Test
    void aListenerIsMadeFromItsClassNameEvenWithoutAContextClassLoader() {
        EventListener listener = Plugins.listener(RecordingSessionListener.class.getName());
        assertInstanceOf(RecordingSessionListener.class, listener);
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertSame(Plugins.class.getClassLoader(), Plugins.classLoader());
            assertInstanceOf(RecordingSessionListener.class, Plugins.listener(RecordingSessionListener.class.getName()));
        } finally {
            thread.setContextClassLoader(saved);
        }
        assertSame(saved, Plugins.classLoader(), "the application's class loader comes first");
    }

    @Test
    void aListenerThatIsNoListenerOrCannotBeMadeIsRefusedByName() {
        String notListener = assertThrows(SessionException.class, () -> Plugins.listener("java.lang.Object")).getMessage();
        assertTrue(notListener.contains("java.lang.Object is not an event listener"), notListener);
        String missing = assertThrows(SessionException.class, () -> Plugins.listener("com.example.Missing")).getMessage();
        assertTrue(missing.contains("cannot create com.example.Missing") && missing.contains("public no-argument constructor"), missing);
    }

    @Test
    void theEditDistanceCountsInsertionsDeletionsReplacementsAndSwaps() {
        assertEquals(0, KnownParams.distance("idle", "idle"));
        assertEquals(1, KnownParams.distance("idel", "idle"), "a swap of neighbours is one edit");
        assertEquals(1, KnownParams.distance("idl", "idle"));
        assertEquals(1, KnownParams.distance("iddle", "idle"));
        assertEquals(1, KnownParams.distance("idla", "idle"));
        assertEquals(4, KnownParams.distance("", "idle"));
        assertEquals(4, KnownParams.distance("idle", ""));
        assertEquals(2, KnownParams.distance("ba", "abc"));
    }

    @Test
    void theNearestNameIsSuggestedWithinAQuarterOfItsLengthAndAtLeastTwoEdits() {
        Set<String> known = Set.of("timeout.idle", "timeout.absolute");
        assertEquals("timeout.idle", KnownParams.nearest("Timeout.IDEL", known), "case is ignored");
        assertEquals("timeout.idle", KnownParams.nearest("timeot.ide", known), "two edits are always allowed");
        assertNull(KnownParams.nearest("tmeot.ide", known), "three edits on a 9-character name are too many");
        assertEquals("timeout.absolute", KnownParams.nearest("tmeout.absolte", known), "14 characters allow 3 edits");
        assertEquals("timeout.absolute", KnownParams.nearest("tmeut.absolte", known), "3 edits are still allowed");
        assertNull(KnownParams.nearest("tmut.absolte", known));
        assertEquals("ab", KnownParams.nearest("abx", Set.of("ab", "abxyz")), "the closest wins");
    }
}
