package dev.sessionkit.spring.boot.it;

import dev.sessionkit.spring.boot.SessionkitFailureAnalyzer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application with the Jedis Spring Boot's dependency management picks instead of the one the Redis store
 * needs: the pom's {@code wrong-jedis} execution runs this class with that jar in place of Jedis.
 */
@Tag("wrong-jedis")
class WrongJedisTest {

    @Test
    void theRedisStoreWithBootsManagedJedisRefusesToStartSayingWhichVersionToSet() throws IOException {
        String wrong = System.getProperty("wrong.jedis.version");
        assertNotNull(wrong, "run through Maven: the wrong-jedis execution sets wrong.jedis.version");
        assertEquals(wrong, jedisOnTheClassPath(), "the class path does not have the wrong Jedis");

        RuntimeException failure = assertThrows(RuntimeException.class, () -> DemoApplication.start(DemoApplication.withoutDatabase(
                Map.of("sessionkit.secret", DemoApplication.SECRET, "sessionkit.store", "redis",
                        "sessionkit.redis.uri", "redis://127.0.0.1:1"))).close());
        FailureAnalysis analysis = new SessionkitFailureAnalyzer().analyze(failure);
        assertNotNull(analysis, "sessionkit's failure analyzer did not recognise: " + failure);
        assertFalse(analysis.getDescription().contains("\n"), "more than one paragraph: " + analysis.getDescription());
        assertTrue(analysis.getDescription().contains("the class path has Jedis " + wrong), analysis.getDescription());
        assertTrue(analysis.getAction().contains("<jedis.version>"), analysis.getAction());
    }

    private static String jedisOnTheClassPath() throws IOException {
        try (InputStream in = WrongJedisTest.class.getClassLoader().getResourceAsStream("META-INF/maven/redis.clients/jedis/pom.properties")) {
            assertNotNull(in, "no Jedis on the class path");
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        }
    }
}
