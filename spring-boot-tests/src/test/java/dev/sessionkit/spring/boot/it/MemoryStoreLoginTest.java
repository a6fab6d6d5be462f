package dev.sessionkit.spring.boot.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** The in-memory store: both logins on one server, which is all the memory store can share. */
class MemoryStoreLoginTest extends LoginFlowContract {

    private static DemoApplication.Running app;

    @BeforeAll
    static void start() {
        app = DemoApplication.start(DemoApplication.withoutDatabase(Map.of("sessionkit.secret", DemoApplication.SECRET)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Override
    DemoApplication.Running server() {
        return app;
    }

    @Override
    DemoApplication.Running otherServer() {
        return app;
    }
}
