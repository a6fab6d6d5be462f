package dev.sessionkit.sample;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleOptionsTest {

    @Test
    void defaultsServeTheMemoryStoreOnPort8080WithoutSecureCookie() {
        SampleOptions options = SampleOptions.parse(new String[0], name -> null);
        assertEquals(8080, options.port());
        assertEquals("memory", options.store());
        assertEquals("redis://127.0.0.1:6379", options.redisUri());
        assertNull(options.keyset());
        assertFalse(options.secureCookie());
        assertEquals("alice", options.admin());
        assertNull(options.secret(), "no secret: SampleApp makes up a throw-away one");
        assertFalse(options.help());
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        Map<String, String> env = Map.of("SESSIONKIT_PORT", "9000", "SESSIONKIT_STORE", "redis",
                "SESSIONKIT_REDIS_URI", "redis://cache:6379", "SESSIONKIT_SECURE_COOKIE", "true",
                "SESSIONKIT_SECRET", "from-the-environment-0123456789abcdef", "SESSIONKIT_ADMIN", "bob");
        SampleOptions fromEnv = SampleOptions.parse(new String[0], env::get);
        assertEquals(9000, fromEnv.port());
        assertEquals("redis", fromEnv.store());
        assertEquals("redis://cache:6379", fromEnv.redisUri());
        assertTrue(fromEnv.secureCookie());
        assertEquals("from-the-environment-0123456789abcdef", fromEnv.secret());
        assertEquals("bob", fromEnv.admin());

        SampleOptions flags = SampleOptions.parse(new String[] {"--port=0", "--store=cookie", "--keyset=keys.json",
                "--secure-cookie=false", "--admin=carol"}, env::get);
        assertEquals(0, flags.port());
        assertEquals("cookie", flags.store());
        assertEquals(Path.of("keys.json"), flags.keyset());
        assertFalse(flags.secureCookie());
        assertEquals("carol", flags.admin());
    }

    @Test
    void badFlagsAreRefusedWithTheFlagNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--prot=80")).getMessage().contains("--prot=80"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--port=http")).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--port=70000")).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--store=mongo")).getMessage().contains("--store"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--secure-cookie=maybe")).getMessage()
                .contains("--secure-cookie"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("8080")).getMessage().contains("--name=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--admin=mallory")).getMessage()
                .contains("--admin must be one of the demo users"), "a typo must not lock everyone out of /admin");
    }

    @Test
    void jdbcStoreTakesAUrlAndUserAndDefaultsToAnH2FileInTheTempDir() {
        SampleOptions chosen = parse("--store=jdbc", "--jdbc-url=jdbc:postgresql://127.0.0.1:5432/app", "--jdbc-user=app");
        assertEquals("jdbc", chosen.store());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app", chosen.jdbcUrl());
        assertEquals("app", chosen.jdbcUser());
        assertTrue(parse("--store=jdbc").jdbcUrl().startsWith("jdbc:h2:file:"), "no database server needed");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--store=jdbc", "--jdbc-url=postgres://db/app"))
                .getMessage().contains("--jdbc-url must be a JDBC URL"));
    }

    @Test
    void helpIsAFlagOfItsOwn() {
        assertTrue(parse("--help").help());
    }

    private static SampleOptions parse(String... args) {
        return SampleOptions.parse(args, name -> null);
    }
}
