package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class RedisServerExtensionTest {

    /** Fixture classes below run only when a test here launches them, not as part of the suite. */
    private static final String FIXTURES = "sessionkit.redis.fixtures";

    private static final List<RedisServer> SEEN = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    @Test
    void passesExtraConfigAndDelegatesToTheRunningServer() {
        assertEquals("notify-keyspace-events\nxE", redis.cli("CONFIG", "GET", "notify-keyspace-events"));
        assertEquals(redis.server().port(), redis.port());
        assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
        redis.cli("SET", "k", "v");
        redis.flushAll();
        assertEquals("0", redis.cli("DBSIZE"));
    }

    @Test
    void staticFieldSharesOneServerAcrossTheClassAndStopsItAfterwards() {
        runFixture(StaticField.class, 2);
        assertSame(SEEN.get(0), SEEN.get(1));
        assertStopped(SEEN.get(0));
    }

    @Test
    void instanceFieldGivesEachTestItsOwnServerAndStopsIt() {
        runFixture(InstanceField.class, 2);
        assertNotSame(SEEN.get(0), SEEN.get(1));
        SEEN.forEach(RedisServerExtensionTest::assertStopped);
    }

    @Test
    void nestedClassesReuseTheServerOfTheEnclosingClass() {
        runFixture(StaticFieldWithNestedClass.class, 2);
        assertSame(SEEN.get(0), SEEN.get(1));
        assertStopped(SEEN.get(0));
    }

    private static void runFixture(Class<?> fixture, int tests) {
        SEEN.clear();
        System.setProperty(FIXTURES, "true");
        try {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(fixture))
                    .execute()
                    .testEvents()
                    .assertStatistics(stats -> stats.started(tests).succeeded(tests));
        } finally {
            System.clearProperty(FIXTURES);
        }
        assertEquals(tests, SEEN.size());
    }

    private static void assertStopped(RedisServer server) {
        assertThrows(IllegalStateException.class, () -> server.cli("PING"));
        assertFalse(Files.exists(server.directory()));
    }

    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class StaticField {

        @RegisterExtension
        static RedisServerExtension redis = new RedisServerExtension();

        @Test
        void first() {
            SEEN.add(redis.server());
        }

        @Test
        void second() {
            SEEN.add(redis.server());
        }
    }

    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class InstanceField {

        @RegisterExtension
        RedisServerExtension redis = new RedisServerExtension();

        @Test
        void first() {
            SEEN.add(redis.server());
        }

        @Test
        void second() {
            SEEN.add(redis.server());
        }
    }

    @EnabledIfSystemProperty(named = FIXTURES, matches = "true")
    static class StaticFieldWithNestedClass {

        @RegisterExtension
        static RedisServerExtension redis = new RedisServerExtension();

        @Test
        void outer() {
            SEEN.add(redis.server());
        }

        @Nested
        class Inner {

            @Test
            void inner() {
                SEEN.add(redis.server());
            }
        }
    }
}
