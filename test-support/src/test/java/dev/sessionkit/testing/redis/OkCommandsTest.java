package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OkCommandsTest {

    @Test
    void pipelinedCommandsAllReachTheServer() {
        try (RedisServer redis = RedisServer.start()) {
            OkCommands.send(redis.port(), List.of(
                    List.of("SET", "greeting", "hello world"),
                    List.of("SET", "wide", "h\u00e9llo\r\n")));
            assertEquals("hello world", redis.cli("GET", "greeting"));
            assertEquals("8", redis.cli("STRLEN", "wide"), "UTF-8 bytes, counted as bytes, CRLF included");
        }
    }

    @Test
    void aReplyOtherThanOkFailsNamingTheCommandAndTheReply() {
        try (RedisServer redis = RedisServer.start()) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> OkCommands.send(
                    redis.port(), List.of(List.of("FLUSHALL"), List.of("CONFIG", "SET", "no-such-setting", "1"))));
            assertTrue(failed.getMessage().startsWith("CONFIG SET no-such-setting 1 on port " + redis.port()
                    + " answered -ERR"), failed.getMessage());
        }
    }

    @Test
    void aServerThatIsGoneFails() {
        RedisServer redis = RedisServer.start();
        int port = redis.port();
        redis.stop();
        assertThrows(IllegalStateException.class, () -> OkCommands.send(port, List.of(List.of("FLUSHALL"))));
    }
}
