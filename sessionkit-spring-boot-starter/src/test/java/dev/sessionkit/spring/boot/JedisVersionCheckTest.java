package dev.sessionkit.spring.boot;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JedisVersionCheckTest {

    /** Jedis 6.0.0, the version Spring Boot 3.5 manages, copied by the pom from the Maven repository. */
    private static final Path OLD_JEDIS = Path.of("target/old-jedis/jedis-6.0.0.jar");

    @Test
    void theJedisBootThreeFiveManagesIsRefusedNamingTheVersionToSet() throws Exception {
        assertTrue(Files.isRegularFile(OLD_JEDIS), "missing " + OLD_JEDIS.toAbsolutePath() + ": run through Maven");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{OLD_JEDIS.toUri().toURL()}, null)) {
            assertEquals("6.0.0", JedisVersionCheck.version(loader));
            SessionkitStartupException e = assertThrows(SessionkitStartupException.class, () -> JedisVersionCheck.check(loader));
            assertTrue(e.getMessage().contains("Jedis 6.0.0"), e.getMessage());
            assertTrue(e.action().contains("<jedis.version>7.5.3</jedis.version>"), e.action());
            assertEquals("sessionkit.store", e.property());
        }
    }

    @Test
    void theJedisSessionkitIsBuiltWithPasses() {
        assertDoesNotThrow(() -> JedisVersionCheck.check(JedisVersionCheckTest.class.getClassLoader()));
    }

    @Test
    void noJedisAtAllIsRefused() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            SessionkitStartupException e = assertThrows(SessionkitStartupException.class, () -> JedisVersionCheck.check(empty));
            assertTrue(e.getMessage().contains("no Jedis jar"), e.getMessage());
        }
    }

    @Test
    void onlyNewerReleasesOfTheSameMajorVersionAreSupported() {
        assertTrue(JedisVersionCheck.supported("7.5.3"));
        assertTrue(JedisVersionCheck.supported("7.6.0"));
        assertTrue(JedisVersionCheck.supported("7.10.1"));
        assertEquals(false, JedisVersionCheck.supported("7.5.2"));
        assertEquals(false, JedisVersionCheck.supported("7.0.0"));
        assertEquals(false, JedisVersionCheck.supported("6.0.0"));
        assertEquals(false, JedisVersionCheck.supported("8.0.0"));
    }
}
