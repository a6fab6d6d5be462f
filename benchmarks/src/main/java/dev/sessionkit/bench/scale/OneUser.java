package dev.sessionkit.bench.scale;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.redis.RedisSessionStore;
import dev.sessionkit.testing.redis.RedisServer;

import java.time.Duration;

/** One user with many sessions: the cost of a login as the user's index grows, listing them, and "log out everywhere". */
final class OneUser {

    static final String USER = "alice@example.com";

    /**
     * @param logins       every login (a new session with the principal: the save and the index update)
     * @param lastLogins   the last tenth of them, when the index is nearly full
     */
    record Result(int sessions, Latencies logins, Latencies lastLogins, double listMillis, int listed,
                  double logoutEverywhereMillis, long loggedOut, long indexBytes) {
    }

    private OneUser() {
    }

    static Result run(RedisServer redis, int sessions) {
        redis.flushAll();
        RedisSessionStore store = RedisSessionStore.builder().uri(redis.uri()).expiryEvents(false).build();
        store.start(new StoreContext(Duration.ZERO, id -> { }));
        try {
            Latencies logins = new Latencies(sessions);
            int lastTenth = sessions / 10;
            Latencies last = new Latencies(lastTenth);
            for (int i = 0; i < sessions; i++) {
                SessionData session = ScaleSessions.session(i, USER, 1800);
                long start = System.nanoTime();
                store.save(session, ScaleSessions.created(session));
                long took = System.nanoTime() - start;
                logins.add(took);
                if (i >= sessions - lastTenth) {
                    last.add(took);
                }
            }
            long indexBytes = RedisInfo.memoryUsage(redis, RedisScale.PREFIX + "u:" + USER);
            int[] listed = new int[1];
            double list = Latencies.millis(() -> listed[0] = store.sessionsOf(USER).size());
            long[] loggedOut = new long[1];
            double logout = Latencies.millis(() -> loggedOut[0] = store.deleteAllOf(USER));
            return new Result(sessions, logins, last, list, listed[0], logout, loggedOut[0], indexBytes);
        } finally {
            store.close();
        }
    }
}
