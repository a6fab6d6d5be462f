package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {

    @Test
    void startsOnAFreeLoopbackPortAndAnswersPing() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("127.0.0.1", redis.host());
            assertNotEquals(6379, redis.port());
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
            assertEquals("PONG", redis.cli("PING"));
            assertEquals("bind\n127.0.0.1", redis.cli("CONFIG", "GET", "bind"));
        }
    }

    @Test
    void eachServerGetsItsOwnPortAndDirectory() {
        try (RedisServer first = RedisServer.start(); RedisServer second = RedisServer.start()) {
            assertNotEquals(first.port(), second.port());
            assertNotEquals(first.directory(), second.directory());
            assertEquals("dir\n" + first.directory(), first.cli("CONFIG", "GET", "dir"));
        }
    }

    @Test
    void persistsNothingByDefault() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("save\n", redis.cli("CONFIG", "GET", "save"));
            assertEquals("appendonly\nno", redis.cli("CONFIG", "GET", "appendonly"));
            redis.cli("SET", "k", "v");
            redis.restart();
            assertEquals("", redis.cli("GET", "k"));
        }
    }

    @Test
    void extraConfigOverridesTheDefaults() {
        try (RedisServer redis = RedisServer.start("--appendonly", "yes", "--notify-keyspace-events", "Ex")) {
            assertEquals("appendonly\nyes", redis.cli("CONFIG", "GET", "appendonly"));
            assertEquals("notify-keyspace-events\nxE", redis.cli("CONFIG", "GET", "notify-keyspace-events"));
        }
    }

    @Test
    void restartKeepsDataWhenAppendOnlyIsOn() {
        try (RedisServer redis = RedisServer.start("--appendonly", "yes")) {
            int port = redis.port();
            redis.cli("SET", "k", "v");
            redis.restart();
            assertEquals(port, redis.port());
            assertEquals("v", redis.cli("GET", "k"));
        }
    }

    @Test
    void killSimulatesACrashThatRestartRecoversFrom() {
        try (RedisServer redis = RedisServer.start("--appendonly", "yes")) {
            redis.cli("SET", "k", "v");
            redis.kill();
            assertThrows(IllegalStateException.class, () -> redis.cli("PING"));
            redis.restart();
            assertEquals("v", redis.cli("GET", "k"));
        }
    }

    @Test
    void stopEndsTheProcessAndDeletesItsDirectory() {
        RedisServer redis = RedisServer.start();
        redis.stop();
        assertThrows(IllegalStateException.class, () -> redis.cli("PING"));
        assertFalse(Files.exists(redis.directory()));
        redis.stop();
        assertThrows(IllegalStateException.class, redis::restart);
    }

    @Test
    void commandStatsCountsCalls() {
        try (RedisServer redis = RedisServer.start()) {
            redis.resetStats();
            redis.cli("SET", "a", "1");
            redis.cli("SET", "b", "2");
            redis.cli("GET", "a");
            redis.cli("CLIENT", "SETNAME", "probe");
            Map<String, Long> stats = redis.commandStats();
            assertEquals(2L, stats.get("set"));
            assertEquals(1L, stats.get("get"));
            assertEquals(1L, stats.get("client|setname"));
            assertEquals(1L, stats.get("config|resetstat"));
        }
    }

    @Test
    void flushAllRemovesEveryKeyInEveryDatabase() {
        try (RedisServer redis = RedisServer.start()) {
            redis.cli("SET", "a", "1");
            redis.cli("-n", "3", "SET", "b", "2");
            redis.flushAll();
            assertEquals("0", redis.cli("DBSIZE"));
            assertEquals("0", redis.cli("-n", "3", "DBSIZE"));
        }
    }

    @Test
    void debugCommandIsAllowedSoTestsCanStallTheServer() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("OK", redis.cli("DEBUG", "SLEEP", "0"));
        }
    }

    @Test
    void retriesOnAnotherPortWhenTheChosenOneIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            PrimitiveIterator.OfInt ports = IntStream.of(taken.getLocalPort(), FreePorts.loopback()).iterator();
            try (RedisServer redis = RedisServer.start(ports::nextInt, false, List.of())) {
                assertNotEquals(taken.getLocalPort(), redis.port());
                assertEquals("PONG", redis.cli("PING"));
            }
        }
    }

    @Test
    void failureToStartReportsTheServerLog() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> RedisServer.start("--no-such-directive", "x"));
        assertTrue(failure.getMessage().contains("Bad directive or wrong number of arguments"), failure.getMessage());
    }

    @Test
    void failsLoudlyWhenRedisServerIsNotOnPath(@TempDir Path emptyDirectory) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Executables.find("redis-server", "redis-server", emptyDirectory.toString()));
        assertEquals("redis-server not found on PATH: install it (apt-get install -y redis-server)",
                failure.getMessage());
    }

    @Test
    void aServerKeptForReuseIsResetToHowItStarted() {
        try (RedisServer redis = RedisServer.start("--notify-keyspace-events", "Ex")) {
            redis.cli("SET", "k", "v");
            String sha = redis.cli("SCRIPT", "LOAD", "return 1");
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "KEA");

            redis.resetForReuse();

            assertEquals(Map.of("config|resetstat", 1L), redis.commandStats());
            assertEquals("0", redis.cli("DBSIZE"));
            assertEquals("0", redis.cli("SCRIPT", "EXISTS", sha));
            assertEquals("notify-keyspace-events\nxE", redis.cli("CONFIG", "GET", "notify-keyspace-events"));
        }
    }

    @Test
    void aServerStartedWithoutKeyspaceEventsLosesThoseATestTurnedOn() {
        try (RedisServer redis = RedisServer.start()) {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "Ex");
            redis.resetForReuse();
            assertEquals("notify-keyspace-events\n", redis.cli("CONFIG", "GET", "notify-keyspace-events"));
        }
    }

    @Test
    void resettingAKilledServerFails() {
        try (RedisServer redis = RedisServer.start()) {
            redis.kill();
            assertThrows(IllegalStateException.class, redis::resetForReuse);
        }
    }
}
