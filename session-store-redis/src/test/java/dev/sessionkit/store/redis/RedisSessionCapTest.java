package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.clientCommands;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maxSessions}: a cap on the live sessions of one key prefix, kept with the sorted set {@code <prefix>all}. */
class RedisSessionCapTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    private static final String SET = "sessionkit:all";
    private static final Duration ABSOLUTE = Duration.ofHours(1);

    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final List<RedisSessionStore> stores = new ArrayList<>();
    private long t0;

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
        t0 = System.currentTimeMillis();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisSessionStore::close);
    }

    @Test
    void newSessionBeyondTheCapEvictsTheLeastRecentlyUsed() {
        RedisSessionStore store = capped(3);
        SessionData first = saveNew(store, 0, null);
        SessionData second = saveNew(store, 1, null);
        SessionData third = saveNew(store, 2, null);
        store.load(first.id(), t0 + 10, 0).live(); // the oldest session is the most recently used now

        SessionData fourth = saveNew(store, 11, null);

        assertNull(store.find(second.id()).orElse(null), "the least recently used was evicted");
        for (SessionData kept : List.of(first, third, fourth)) {
            assertNotNull(store.load(kept.id(), t0 + 20, 60_000).live());
        }
        assertEquals(3, store.count());
        assertEquals(List.of(first.id(), third.id(), fourth.id()), members(), "scored by creation time");
    }

    @Test
    void evictionUnindexesALoggedInVictim() {
        RedisSessionStore store = capped(1);
        SessionData alices = saveNew(store, 0, "alice");

        saveNew(store, 1, "bob");

        assertNull(store.find(alices.id()).orElse(null));
        assertEquals("0", redis.cli("EXISTS", "sessionkit:u:alice"), "alice's index lost her only session");
        assertEquals(1, store.sessionsOf("bob").size());
    }

    @Test
    void sessionsThatEndedUnseenAreDroppedBeforeAnyLiveOneIsEvicted() {
        RedisSessionStore store = capped(2);
        SessionData endedUnseen = saveNew(store, 0, null);
        SessionData live = saveNew(store, 1, null);
        redis.cli("DEL", key(endedUnseen.id())); // as an expiry nobody heard of would

        SessionData fresh = saveNew(store, 2, null);

        assertNotNull(store.find(live.id()).orElse(null), "still within the cap once the ended ID is dropped");
        assertEquals(List.of(live.id(), fresh.id()), members());
    }

    @Test
    void tenantSetExpiresWithTheAbsoluteTimeoutAndDropsEndedSessions() {
        RedisSessionStore store = capped(100);
        long now = System.currentTimeMillis();
        SessionData ended = new SessionData(SessionIds.newId(), now - 7_200_000, now - 7_200_000, 0, null, Map.of());
        store.save(ended, new SessionChanges(true, Set.of(), Set.of(), false));
        SessionData live = saveNew(store, 0, null);

        long ttl = Long.parseLong(redis.cli("PTTL", SET));
        assertTrue(ttl > 3_590_000 && ttl <= 3_600_000, "set PTTL " + ttl);
        assertEquals(List.of(live.id()), members(), "created longer ago than the absolute timeout: dropped");
    }

    @Test
    void deletedAndRotatedSessionsLeaveTheSet() {
        RedisSessionStore store = capped(100);
        SessionData anonymous = saveNew(store, 0, null);
        SessionData alices = saveNew(store, 1, "alice");
        SessionData rotating = saveNew(store, 2, null);
        String rotated = SessionIds.rotated(rotating.id());

        store.delete(anonymous.id(), System.currentTimeMillis());
        store.deleteAllOf("alice");
        store.rotate(rotating.id(), rotated, System.currentTimeMillis());

        assertEquals(List.of(rotated), members());
        assertEquals(Long.toString(rotating.creationTime()), redis.cli("ZSCORE", SET, rotated),
                "the new ID keeps the session's creation time");
        assertNull(store.find(alices.id()).orElse(null));
    }

    @Test
    void expiredSessionsLeaveTheSet() throws InterruptedException {
        RedisSessionStore store = capped(100);
        SessionData expiring = saveNew(store, 0, null);
        SessionData live = saveNew(store, 1, null);

        redis.cli("PEXPIRE", key(expiring.id()), "1");

        assertTrue(eventually(() -> members().equals(List.of(live.id()))), "set " + members());
        assertEquals(List.of(expiring.id()), expired, "the application's listener still hears it");
    }

    @Test
    void concurrentNewSessionsNeverEvictMoreThanTheyAdd() throws Exception {
        int cap = 20;
        int creators = 12;
        RedisSessionStore store = capped(cap);
        for (int i = 0; i < cap; i++) {
            saveNew(store, i, null);
        }

        ExecutorService pool = Executors.newFixedThreadPool(creators);
        long fewest = Long.MAX_VALUE;
        try (RedisClient probe = RedisClient.create(redis.host(), redis.port())) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < creators; c++) {
                int creator = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        saveNew(store, 100 + creator * 15 + i, null);
                    }
                }));
            }
            while (!done.stream().allMatch(Future::isDone)) {
                fewest = Math.min(fewest, probe.zcard(SET));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertTrue(fewest >= cap, "while they ran, the set dropped to " + fewest + " sessions: an eviction too many");
        long live = store.count();
        assertTrue(live >= cap && live <= cap + creators, "live sessions " + live);
        assertEquals(live, members().size(), "the set lists exactly the live sessions");
    }

    @Test
    void readsStayOneRoundTripAndNewSessionsCostOneMore() {
        RedisSessionStore store = capped(2);
        SessionData warmUp = saveNew(store, 0, null); // the scripts reach Redis' cache
        store.load(warmUp.id(), t0, 0).live();
        store.save(warmUp, new SessionChanges(false, Set.of(), Set.of(), false));
        store.rotate(warmUp.id(), SessionIds.rotated(warmUp.id()), System.currentTimeMillis());
        saveNew(store, 1, null);
        saveNew(store, 2, null); // evicts: claim and delete are cached too
        store.delete(members().get(0), System.currentTimeMillis());

        redis.resetStats();
        SessionData session = saveNew(store, 3, null);
        assertEquals(Map.of("evalsha", 2L), roundTrips(), "a new session within the cap: save, then the set");

        redis.resetStats();
        store.load(session.id(), t0 + 10, 0).live();
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L), roundTrips(), "a read with its touch due");

        redis.resetStats();
        store.save(session, new SessionChanges(false, Set.of(), Set.of(), false));
        assertEquals(Map.of("evalsha", 1L), roundTrips(), "a save of an existing session");

        redis.resetStats();
        saveNew(store, 4, null);
        assertEquals(Map.of("evalsha", 4L), roundTrips(),
                "a new session beyond the cap: save, the set, claim, delete (and one pipeline of HMGET)");
    }

    @Test
    void aFloodOfAnonymousSessionsBeyondTheCapEvictsAnonymousOnesBeforeSignedInUsers() {
        RedisSessionStore store = started(RedisSessionStore.builder().uri(redis.uri()).maxSessions(20));
        List<SessionData> users = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(saveNew(store, i, "user" + i)); // the oldest, so age alone would evict them first
        }
        for (int i = 0; i < 100; i++) {
            saveNew(store, 100 + i, null);
        }

        for (SessionData user : users) {
            assertNotNull(store.load(user.id(), t0 + 1_000, 60_000).live(), user.principal() + " is still signed in");
        }
    }

    @Test
    void withoutACapThereIsNoTenantSet() {
        RedisSessionStore store = started(RedisSessionStore.builder().uri(redis.uri()).maxSessions(0));
        SessionData anonymous = saveNew(store, 0, null);
        SessionData alices = saveNew(store, 1, "alice");
        store.rotate(anonymous.id(), SessionIds.rotated(anonymous.id()), System.currentTimeMillis());
        store.delete(alices.id(), System.currentTimeMillis());

        assertEquals("0", redis.cli("EXISTS", SET));
    }

    // ---- helpers ----

    private RedisSessionStore capped(long maxSessions) {
        return started(RedisSessionStore.builder().uri(redis.uri()).maxSessions(maxSessions));
    }

    private RedisSessionStore started(RedisSessionStoreBuilder builder) {
        RedisSessionStore store = builder.build();
        store.start(new StoreContext(ABSOLUTE, expired::add));
        stores.add(store);
        return store;
    }

    /** Saves a new session created and last used {@code offset} ms after the test began. */
    private SessionData saveNew(RedisSessionStore store, long offset, String principal) {
        SessionData session = new SessionData(SessionIds.newId(), t0 + offset, t0 + offset, 1800, principal, Map.of());
        assertEquals(session.id(), store.save(session, new SessionChanges(true, Set.of(), Set.of(), false)));
        return session;
    }

    /** The tenant set, oldest first. */
    private static List<String> members() {
        String reply = redis.cli("ZRANGE", SET, "0", "-1");
        return reply.isBlank() ? List.of() : Arrays.asList(reply.split("\n"));
    }

    /** Commands the store sent, without those our scripts run inside Redis (tenant.lua also runs ZRANGE). */
    private static Map<String, Long> roundTrips() {
        Map<String, Long> calls = clientCommands(redis.commandStats());
        calls.remove("zrange");
        return calls;
    }
}
