package dev.sessionkit.spring.boot.it;

import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** Two application instances, two "servers", on one real redis-server. */
class RedisStoreLoginTest extends LoginFlowContract {

    private static RedisServer redis;
    private static DemoApplication.Running one;
    private static DemoApplication.Running two;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, String> properties = DemoApplication.withoutDatabase(Map.of("sessionkit.secret", DemoApplication.SECRET,
                "sessionkit.store", "redis", "sessionkit.redis.uri", redis.uri()));
        one = DemoApplication.start(properties);
        two = DemoApplication.start(properties);
    }

    @AfterAll
    static void stop() {
        try {
            if (one != null) {
                one.close();
            }
            if (two != null) {
                two.close();
            }
        } finally {
            redis.close();
        }
    }

    @Override
    DemoApplication.Running server() {
        return one;
    }

    @Override
    DemoApplication.Running otherServer() {
        return two;
    }
}
