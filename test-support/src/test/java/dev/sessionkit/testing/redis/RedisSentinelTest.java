package dev.sessionkit.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSentinelTest {

    @RegisterExtension
    static RedisSentinelExtension sentinel = new RedisSentinelExtension("--appendonly", "yes");

    @Test
    void sentinelReportsTheMasterAddressUnderItsName() {
        RedisServer master = sentinel.master();
        assertEquals("mymaster", sentinel.masterName());
        assertEquals("127.0.0.1\n" + master.port(),
                sentinel.sentinel().cli("SENTINEL", "get-master-addr-by-name", sentinel.masterName()));
    }

    @Test
    void sentinelAndMasterListenOnTheirOwnLoopbackPorts() {
        assertNotEquals(sentinel.master().port(), sentinel.sentinel().port());
        assertEquals("127.0.0.1:" + sentinel.sentinel().port(), sentinel.sentinelAddress());
        assertEquals("redis_mode:sentinel", line(sentinel.sentinel().cli("INFO", "server"), "redis_mode:"));
    }

    @Test
    void masterTakesItsOwnConfig() {
        assertEquals("appendonly\nyes", sentinel.master().cli("CONFIG", "GET", "appendonly"));
    }

    private static String line(String info, String prefix) {
        return info.lines().map(String::strip).filter(line -> line.startsWith(prefix)).findFirst().orElse("");
    }
}
