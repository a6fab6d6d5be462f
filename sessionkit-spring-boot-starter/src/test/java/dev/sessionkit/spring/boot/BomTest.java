package dev.sessionkit.spring.boot;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BomTest {

    private static String property(Path pom, String name) throws Exception {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
        assertTrue(m.find(), name + " missing from " + pom);
        return m.group(1);
    }

    @Test
    void theBomPinsTheJedisAndJacksonTheBuildIsTestedWithAndTheCheckAsksFor() throws Exception {
        Path bom = Path.of("../sessionkit-bom/pom.xml");
        Path parent = Path.of("../pom.xml");
        assertEquals(property(parent, "jedis.version"), property(bom, "jedis.version"));
        assertEquals(JedisVersionCheck.SUPPORTED, property(bom, "jedis.version"));
        assertEquals(property(parent, "jackson.version"), property(bom, "jackson.version"));
        assertEquals(property(parent, "tink.version"), property(bom, "tink.version"));
    }
}
