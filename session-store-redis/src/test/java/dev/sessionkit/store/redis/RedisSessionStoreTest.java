package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreContract;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension("--notify-keyspace-events", "Ex");

    /** Commands our Lua scripts run inside Redis: they show in commandstats but cost no round trip. */
    static final Set<String> SCRIPT_COMMANDS = Set.of("type", "hmget", "hget", "hset", "hdel", "exists",
            "pexpire", "persist", "del", "rename", "set", "zadd", "zrem", "zscore", "zremrangebyscore", "zcard", "publish");

    @Override
    protected SessionStore createStore() {
        redis.flushAll();
        return RedisSessionStore.builder().uri(redis.uri()).build();
    }

    // ---- round trips, counted by the server ----

    @BeforeEach
    void expirySubscriptionStands() throws InterruptedException {
        // The store subscribes on a thread of its own at start: a PSUBSCRIBE inside a counted window would count.
        assertTrue(eventually(() -> redis.cli("PUBSUB", "NUMPAT").equals("1")), "the expiry subscription stands");
    }

    @Test
    void readIsOneHgetallAndTheDueTouchOneScriptMore() {
        SessionData session = session("alice", Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now() + 1_000, 0).live(); // NOSCRIPT once, then cached

        redis.resetStats();
        store.load(session.id(), now() + 1_000, 60_000).live();
        assertEquals(Map.of("hgetall", 1L), roundTrips(), "no touch due: one plain read");

        redis.resetStats();
        store.load(session.id(), now() + 2_000, 0).live();
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L), roundTrips(), "a touch due: the read and the touch script");
    }

    @Test
    void dueTouchRecordsTheAccessAndRefreshesTheTtl() {
        SessionData session = session(null, Map.of());
        saveNew(session);
        redis.cli("PEXPIRE", key(session.id()), "5000");

        long later = session.lastAccessedTime() + 30_000;
        assertEquals(session.lastAccessedTime(), store.load(session.id(), later, 10_000).live().lastAccessedTime(),
                "the read returns the session as it was");
        assertEquals(later, store.load(session.id(), later, 10_000).live().lastAccessedTime(), "and recorded the access");
        assertTrue(pttl(session.id()) > 5_000, "with the TTL refreshed to the idle timeout");
    }

    @Test
    @SuppressWarnings("deprecation") // Jedis 7 prefers RedisClient's builder, whose client cannot be subclassed
    void dueTouchNeverRecreatesASessionDeletedAfterTheRead() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        // A real client whose read is followed at once by another request's logout, before the touch runs.
        UnifiedJedis racing = new UnifiedJedis(new HostAndPort(redis.host(), redis.port())) {
            @Override
            public Map<byte[], byte[]> hgetAll(byte[] key) {
                Map<byte[], byte[]> hash = super.hgetAll(key);
                del(key);
                return hash;
            }
        };
        try (racing; RedisSessionStore racy = started(RedisSessionStore.builder().client(racing), Duration.ZERO)) {
            assertNull(racy.load(session.id(), now() + 120_000, 60_000).live(), "gone by the time of the touch");
        }
        assertEquals("0", redis.cli("EXISTS", key(session.id())).trim(), "and the touch wrote nothing back");
    }

    @Test
    void newSessionIsOneRoundTripAndAWritingRequestTwo() {
        warmUpScripts();

        redis.resetStats();
        SessionData session = session(null, Map.of("a", 1, "b", 2));
        saveNew(session);
        assertEquals(Map.of("evalsha", 2L), roundTrips(), "a new session: the save, and the tenant set of the default cap");

        redis.resetStats();
        SessionData loaded = store.load(session.id(), now(), 60_000).live();
        store.save(with(loaded, Map.of("b", 3)), new SessionChanges(false, Set.of("b"), Set.of("a"), false));
        assertEquals(Map.of("hgetall", 1L, "evalsha", 1L), roundTrips(), "load, then the delta");

        redis.resetStats();
        store.rotate(session.id(), SessionIds.rotated(session.id()), System.currentTimeMillis());
        assertEquals(Map.of("evalsha", 2L), roundTrips(), "rotation of an anonymous session, and the tenant set");
    }

    // ---- time to live ----

    @Test
    void keyLivesForTheIdleTimeout() {
        SessionData session = session(null, Map.of());
        saveNew(session);

        long ttl = pttl(session.id());
        assertTrue(ttl > (IDLE_SECONDS - 10) * 1000L && ttl <= IDLE_SECONDS * 1000L, "PTTL " + ttl);
    }

    @Test
    void keyNeverOutlivesTheAbsoluteTimeout() {
        try (RedisSessionStore capped = started(RedisSessionStore.builder().uri(redis.uri()), Duration.ofHours(1))) {
            long now = now();
            SessionData old = new SessionData(SessionIds.newId(), now - 3_590_000, now, IDLE_SECONDS, null, Map.of());
            capped.save(old, new SessionChanges(true, Set.of(), Set.of(), false));
            long ttl = pttl(old.id());
            assertTrue(ttl > 0 && ttl <= 10_000, "10 s left of the hour, PTTL " + ttl);

            SessionData noIdle = new SessionData(SessionIds.newId(), now, now, 0, null, Map.of());
            capped.save(noIdle, new SessionChanges(true, Set.of(), Set.of(), false));
            long cap = pttl(noIdle.id());
            assertTrue(cap > 3_590_000 && cap <= 3_600_000, "no idle timeout: only the absolute cap, PTTL " + cap);

            capped.load(old.id(), now + 5_000, 0).live();
            assertTrue(pttl(old.id()) <= 10_000, "a touch does not extend past the cap");
        }
    }

    @Test
    void anInsertedSessionsKeyLivesForWhatIsLeftOfItsLifetime() {
        try (RedisSessionStore capped = started(RedisSessionStore.builder().uri(redis.uri()), Duration.ofHours(1))) {
            long now = now();
            SessionData idle = new SessionData(SessionIds.newId(), now - 60_000, now - 20_000, IDLE_SECONDS, null, Map.of());
            SessionData nearTheCap = new SessionData(SessionIds.newId(), now - 3_590_000, now, IDLE_SECONDS, null, Map.of());
            SessionData noIdle = new SessionData(SessionIds.newId(), now - 1_800_000, now, 0, null, Map.of());

            assertTrue(capped.insert(idle, now) && capped.insert(nearTheCap, now) && capped.insert(noIdle, now));

            long idleLeft = IDLE_SECONDS * 1000L - 20_000;
            long ttl = pttl(idle.id());
            assertTrue(ttl > idleLeft - 10_000 && ttl <= idleLeft, "20 s of the idle timeout used, PTTL " + ttl);
            ttl = pttl(nearTheCap.id());
            assertTrue(ttl > 0 && ttl <= 10_000, "10 s left of the hour, PTTL " + ttl);
            ttl = pttl(noIdle.id());
            assertTrue(ttl > 1_790_000 && ttl <= 1_800_000, "no idle timeout: half the hour left, PTTL " + ttl);
        }
    }

    @Test
    void anInsertedSessionWithNeitherTimeoutHasNoTtl() {
        SessionData session = new SessionData(SessionIds.newId(), now() - 60_000, now() - 60_000, 0, null, Map.of());

        assertTrue(store.insert(session, now()));

        assertEquals(-1, pttl(session.id()));
    }

    @Test
    void sessionWithNeitherTimeoutHasNoTtl() {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), 0, null, Map.of());
        saveNew(session);

        assertEquals(-1, pttl(session.id()));
    }

    // ---- data it did not write ----

    @Test
    void unreadableDataLoadsAsNoSession() {
        List<String> unreadable = unreadableSessions();

        for (String id : unreadable) {
            assertNull(store.load(id, now(), 0).live());
            assertEquals(Optional.empty(), admin.find(id));
        }
        assertEquals(-1, pttl(unreadable.get(0)), "unreadable data is not kept alive by touches");
        assertEquals("not a hash", redis.cli("GET", key(unreadable.get(3))));
        assertEquals(0, admin.list(null, 10).sessions().size());
    }

    @Test
    void unreadableDataIsReportedOncePerKindOfProblem() {
        List<String> unreadable = unreadableSessions();

        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 2; i++) {
                for (String id : unreadable) {
                    assertNull(store.load(id, now(), 0).live());
                }
            }
            List<String> reports = log.warnings().stream().filter(w -> w.startsWith("Unreadable session data in ")).toList();

            assertEquals(3, reports.size(), "one per kind: " + reports);
            assertTrue(reports.get(0).contains("a session hash lacks m:created, m:accessed or m:maxInactive"), reports.get(0));
            assertTrue(reports.get(1).contains("a session's m:maxInactive is out of range"), reports.get(1));
            assertTrue(reports.get(2).contains("a session key holds another type than a hash"), reports.get(2));
        }
    }

    /**
     * Writes keys this store could not have written: a time that is not a number, a hash without metadata,
     * a max-inactive beyond an int, and a string.
     */
    private static List<String> unreadableSessions() {
        String nonNumeric = SessionIds.newId();
        redis.cli("HSET", key(nonNumeric), "m:created", "yesterday", "m:accessed", "1", "m:maxInactive", "60");
        String missingMetadata = SessionIds.newId();
        redis.cli("HSET", key(missingMetadata), "a:cart", "[\"L\",[]]");
        String outOfRange = SessionIds.newId();
        redis.cli("HSET", key(outOfRange), "m:created", "1", "m:accessed", "1", "m:maxInactive", "4294967296");
        String string = SessionIds.newId();
        redis.cli("SET", key(string), "not a hash");
        return List.of(nonNumeric, missingMetadata, outOfRange, string);
    }

    @Test
    void malformedIdsAreNoSession() {
        assertNull(store.load("short", now(), 0).live());
        assertNull(store.load("x".repeat(SessionIds.LENGTH - 1) + "{", now(), 0).live());
        assertEquals(Optional.empty(), admin.find("short"));
        assertEquals(false, admin.delete("short"));
    }

    @Test
    void newSaveNeverOverwritesAnExistingSession() {
        SessionData first = session(null, Map.of("owner", "first"));
        saveNew(first);

        SessionData clash = new SessionData(first.id(), now(), now(), IDLE_SECONDS, null, encode(Map.of("owner", "second")));
        assertNull(store.save(clash, new SessionChanges(true, Set.of("owner"), Set.of(), false)));

        assertEquals(Map.of("owner", "first"), attributes(store.load(first.id(), now(), 0).live()));
    }

    @Test
    void rotationKeepsTheLineageSoBothKeysShareASlot() {
        SessionData session = session(null, Map.of());
        saveNew(session);

        assertThrows(IllegalArgumentException.class, () -> store.rotate(session.id(), SessionIds.newId(), System.currentTimeMillis()));
        assertNotNull(store.load(session.id(), now(), 0).live());
    }

    @Test
    void sessionsTooLargeForOneLuaUnpackAreWrittenInBatches() {
        // Lua's unpack() gives up at about 8,000 values (LUAI_MAXCSTACK on Redis 7.0): 12,000 attributes are
        // 24,000 HSET values and 9,000 HDEL fields, so a script that unpacked them at once would fail.
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 12_000; i++) {
            many.put("attribute-" + i, i);
        }
        SessionData session = session(null, many);
        saveNew(session);
        List<String> removed = many.keySet().stream().limit(9_000).toList();
        Map<String, Object> rest = new HashMap<>(many);
        removed.forEach(rest::remove);

        store.save(session, new SessionChanges(false, Set.of(), Set.copyOf(removed), false));

        assertEquals(rest, attributes(store.load(session.id(), now(), 0).live()));
    }

    @Test
    void scriptsAreSentAgainAfterTheServerForgetsThem() {
        SessionData session = session(null, Map.of("a", 1));
        saveNew(session);
        redis.cli("SCRIPT", "FLUSH");

        assertEquals(Map.of("a", 1), attributes(store.load(session.id(), now(), 0).live()));
    }

    // ---- key prefix ----

    @Test
    void storesWithDifferentPrefixesDoNotSeeEachOther() {
        try (RedisSessionStore other = started(RedisSessionStore.builder().uri(redis.uri()).keyPrefix("other-app:"), Duration.ZERO)) {
            SessionData mine = session("alice", Map.of());
            saveNew(mine);
            SessionData theirs = session("alice", Map.of());
            other.save(theirs, new SessionChanges(true, Set.of(), Set.of(), false));

            assertNull(other.load(mine.id(), now(), 0).live());
            assertNull(store.load(theirs.id(), now(), 0).live());
            assertEquals(1, admin.count());
            assertEquals(1, other.count());
            assertEquals(List.of(theirs.id()), ids(other.list(null, 100).sessions()));
            assertEquals(List.of(theirs.id()), ids(other.sessionsOf("alice")));
            assertEquals(1, admin.deleteAllOf("alice"));
            assertNotNull(other.load(theirs.id(), now(), 0).live());
        }
    }

    // ---- per-user index ----

    @Test
    void deletingASessionTakesItOutOfTheTenantSetAndItsUsersIndex() {
        SessionData alices = session("alice", Map.of());
        SessionData anonymous = session(null, Map.of());
        saveNew(alices);
        saveNew(anonymous);
        assertEquals("2", redis.cli("ZCARD", "sessionkit:all"), "the default tenant cap keeps every session's ID");

        assertTrue(store.delete(alices.id(), now()));
        assertEquals("1", redis.cli("ZCARD", "sessionkit:all"));
        assertEquals("0", redis.cli("ZCARD", "sessionkit:u:alice"));

        assertTrue(store.delete(anonymous.id(), now()));
        assertEquals("0", redis.cli("ZCARD", "sessionkit:all"));
    }

    @Test
    void withoutATenantCapDeletingASessionTakesItOutOfItsUsersIndex() {
        try (RedisSessionStore uncapped = started(RedisSessionStore.builder().uri(redis.uri()).maxSessions(0), Duration.ZERO)) {
            SessionData session = session("alice", Map.of());
            uncapped.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
            assertEquals("1", redis.cli("ZCARD", "sessionkit:u:alice"));

            assertTrue(uncapped.delete(session.id(), now()));

            assertEquals("0", redis.cli("ZCARD", "sessionkit:u:alice"));
            assertEquals("0", redis.cli("EXISTS", "sessionkit:all"), "no tenant set without the cap");
        }
    }

    @Test
    void keysUnderTheSessionPrefixThatNameNoSessionAreNotCounted() {
        saveNew(session(null, Map.of()));
        redis.cli("SET", "sessionkit:s:{not}a-session", "x"); // matches the pattern of session keys

        assertEquals(1, admin.count());
    }

    @Test
    void aSessionWhoseUserChangesMovesToTheNewUsersIndex() {
        SessionData alices = session("alice", Map.of());
        saveNew(alices);
        SessionData bobs = new SessionData(alices.id(), alices.creationTime(), now(), IDLE_SECONDS, "bob", Map.of());

        store.save(bobs, new SessionChanges(false, Set.of(), Set.of(), true));

        assertEquals("0", redis.cli("ZCARD", "sessionkit:u:alice"));
        assertEquals("1", redis.cli("ZCARD", "sessionkit:u:bob"));
    }

    @Test
    void aLoginUpToThePerUserCapReadsNoneOfTheUsersSessions() {
        try (RedisSessionStore capped = started(RedisSessionStore.builder().uri(redis.uri()).maxSessionsPerUser(2), Duration.ZERO)) {
            capped.save(session("alice", Map.of()), new SessionChanges(true, Set.of(), Set.of(), false));
            redis.resetStats();

            capped.save(session("alice", Map.of()), new SessionChanges(true, Set.of(), Set.of(), false));

            Map<String, Long> commands = clientCommands(redis.commandStats());
            assertFalse(commands.containsKey("zrange") || commands.containsKey("hgetall"), "the second of two: " + commands);
        }
    }

    @Test
    void loginBeyondThePerUserCapDeletesTheOldestLogins() {
        try (RedisSessionStore capped = started(RedisSessionStore.builder().uri(redis.uri()).maxSessionsPerUser(2), Duration.ZERO)) {
            long t0 = now();
            List<SessionData> logins = List.of(
                    new SessionData(SessionIds.newId(), t0, t0, IDLE_SECONDS, "alice", Map.of()),
                    new SessionData(SessionIds.newId(), t0, t0 + 1, IDLE_SECONDS, "alice", Map.of()),
                    new SessionData(SessionIds.newId(), t0, t0 + 2, IDLE_SECONDS, "alice", Map.of()));
            for (SessionData login : logins) {
                capped.save(login, new SessionChanges(true, Set.of(), Set.of(), false));
            }

            assertNull(capped.load(logins.get(0).id(), now(), 0).live(), "the oldest login was logged out");
            assertEquals(List.of(logins.get(2).id(), logins.get(1).id()), ids(capped.sessionsOf("alice")));
        }
    }

    @Test
    void userIndexExpiresWithTheAbsoluteTimeoutAndDropsEndedLogins() {
        try (RedisSessionStore capped = started(RedisSessionStore.builder().uri(redis.uri()), Duration.ofHours(1))) {
            long now = now();
            SessionData ended = new SessionData(SessionIds.newId(), now - 7_200_000, now - 7_200_000, 0, "alice", Map.of());
            capped.save(ended, new SessionChanges(true, Set.of(), Set.of(), false));
            SessionData live = new SessionData(SessionIds.newId(), now, now, IDLE_SECONDS, "alice", Map.of());
            capped.save(live, new SessionChanges(true, Set.of(), Set.of(), false));

            long ttl = Long.parseLong(redis.cli("PTTL", "sessionkit:u:alice"));
            assertTrue(ttl > 3_590_000 && ttl <= 3_600_000, "index PTTL " + ttl);
            assertEquals(List.of(live.id()), List.of(redis.cli("ZRANGE", "sessionkit:u:alice", "0", "-1").split("\n")),
                    "a login older than the absolute timeout is dropped from the index on the next login");
        }
    }

    @Test
    void userIndexIsPrunedOfSessionsThatExpiredInRedis() {
        SessionData gone = session("alice", Map.of());
        SessionData live = session("alice", Map.of());
        saveNew(gone);
        saveNew(live);
        redis.cli("DEL", key(gone.id())); // as Redis' own expiry would, without telling the index

        assertEquals(List.of(live.id()), ids(admin.sessionsOf("alice")));
        assertEquals("1", redis.cli("ZCARD", "sessionkit:u:alice"));
    }

    @Test
    void withoutAPerUserCapLoginsReadTheUsersSessionsOnlyAtEachDoublingOfTheIndex() {
        int logins = 200;
        redis.resetStats();
        for (int i = 0; i < logins; i++) {
            saveNew(session("alice", Map.of()));
        }
        // Pruned at 32, 64 and 128 IDs: 224 reads. At every login past 32 it was 19,000.
        assertEquals(32L + 64 + 128, redis.commandStats().get("hgetall"));
        assertEquals(String.valueOf(logins), redis.cli("ZCARD", "sessionkit:u:alice"));
    }

    @Test
    void withoutAPerUserCapTheLoginThatDoublesTheIndexDropsEndedSessions() {
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            SessionData login = session("alice", Map.of());
            saveNew(login);
            if (i >= 32) {
                ended.add(login.id());
            }
        }
        ended.forEach(id -> redis.cli("DEL", key(id))); // as Redis' own expiry would, without telling the index
        assertEquals("63", redis.cli("ZCARD", "sessionkit:u:alice"), "not pruned between doublings");

        saveNew(session("alice", Map.of()));

        assertEquals("33", redis.cli("ZCARD", "sessionkit:u:alice"), "the 64th login dropped the 31 ended sessions");
    }

    @Test
    void aUserIndexKeyOfAnotherTypeIsReplacedAtLoginWithAWarningNamingIt() {
        redis.cli("SET", "sessionkit:u:alice", "not an index");
        SessionData login = session("alice", Map.of());

        try (CapturedLog log = new CapturedLog()) {
            assertEquals(login.id(), store.save(login, new SessionChanges(true, Set.of(), Set.of(), false)));
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("sessionkit:u:alice") && w.contains("string")),
                    () -> "warnings " + log.warnings());
        }
        assertEquals("zset", redis.cli("TYPE", "sessionkit:u:alice"));
        assertEquals(List.of(login.id()), ids(admin.sessionsOf("alice")));
    }

    @Test
    void aUserIndexKeyOfAnotherTypeNeverFailsListingOrLogout() {
        SessionData session = session("alice", Map.of());
        saveNew(session);
        redis.cli("DEL", "sessionkit:u:alice");
        redis.cli("LPUSH", "sessionkit:u:alice", "someone else's list");

        try (CapturedLog log = new CapturedLog()) {
            assertEquals(List.of(), admin.sessionsOf("alice"));
            assertEquals(0, admin.deleteAllOf("alice"));
            assertTrue(store.delete(session.id(), System.currentTimeMillis()), "the logout itself works");
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("sessionkit:u:alice")), () -> "warnings " + log.warnings());
        }
        assertNull(store.load(session.id(), now(), 0).live());
        assertEquals("list", redis.cli("TYPE", "sessionkit:u:alice"), "reads and removals leave the key to the next login");
    }

    // ---- expiry events ----

    @Test
    void expiryInRedisReachesTheListener() throws InterruptedException {
        SessionData session = new SessionData(SessionIds.newId(), now(), now(), 1, null, Map.of());
        saveNew(session);

        assertTrue(eventually(() -> expired.contains(session.id())), "expired event within 10 s");
        assertEquals(List.of(session.id()), expired);
    }

    @Test
    void storeCanTurnKeyspaceNotificationsOn() throws InterruptedException {
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        try {
            List<String> heard = new CopyOnWriteArrayList<>();
            try (RedisSessionStore configuring = RedisSessionStore.builder().uri(redis.uri())
                    .configureKeyspaceNotifications(true).build()) {
                configuring.start(new StoreContext(Duration.ZERO, heard::add));
                String flags = redis.cli("CONFIG", "GET", "notify-keyspace-events").split("\n")[1];
                assertTrue(flags.contains("E") && flags.contains("x"), "flags " + flags);

                SessionData session = new SessionData(SessionIds.newId(), now(), now(), 1, null, Map.of());
                configuring.save(session, new SessionChanges(true, Set.of(), Set.of(), false));
                assertTrue(eventually(() -> heard.contains(session.id())), "its expiry is heard within 10 s");
            }
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "Ex");
        }
    }

    @Test
    @SuppressWarnings("try") // the stores are opened for what their start logs, and closed
    void startWarnsWhenRedisAnnouncesNoExpiryNamingTheSetting() {
        redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
        try (CapturedLog log = new CapturedLog();
             RedisSessionStore stock = started(RedisSessionStore.builder().uri(redis.uri()), Duration.ZERO)) {
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("notify-keyspace-events Ex")
                    && w.contains("redis.configure-keyspace-notifications=true")), () -> "warnings " + log.warnings());
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "Ex");
        }
    }

    @Test
    @SuppressWarnings("try") // the stores are opened for what their start logs, and closed
    void startDoesNotWarnWhenExpiryEventsAreAnnouncedOrOff() {
        try (CapturedLog log = new CapturedLog();
             RedisSessionStore announced = started(RedisSessionStore.builder().uri(redis.uri()), Duration.ZERO)) {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "");
            try (RedisSessionStore off = started(RedisSessionStore.builder().uri(redis.uri()).expiryEvents(false), Duration.ZERO)) {
                assertEquals(List.of(), log.warnings().stream().filter(w -> w.contains("notify-keyspace-events")).toList());
            }
        } finally {
            redis.cli("CONFIG", "SET", "notify-keyspace-events", "Ex");
        }
    }

    // ---- a client the application owns ----

    @Test
    void storeOnAnApplicationClientLeavesItOpen() {
        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            List<String> heard = new CopyOnWriteArrayList<>();
            RedisSessionStore onClient = RedisSessionStore.builder().client(client).build();
            onClient.start(new StoreContext(Duration.ZERO, heard::add));
            SessionData session = session(null, Map.of("a", 1));
            assertEquals(session.id(), onClient.save(session, new SessionChanges(true, Set.of("a"), Set.of(), false)));
            onClient.close();

            assertEquals("PONG", client.ping());
            assertNotNull(store.load(session.id(), now(), 0).live());
        }
    }

    @Test
    void closingRightAfterStartLeavesTheClientsConnectionsClean() {
        try (RedisClient client = RedisClient.create(redis.host(), redis.port())) {
            for (int i = 0; i < 30; i++) {
                RedisSessionStore onClient = RedisSessionStore.builder().client(client).build();
                onClient.start(new StoreContext(Duration.ZERO, id -> { }));
                onClient.close();
                // The subscription's connection is back in the pool: no reply of it may be left unread there.
                assertEquals("PONG", client.ping());
            }
        }
    }

    // ---- helpers ----

    private static Map<String, Long> roundTrips() {
        return clientCommands(redis.commandStats());
    }

    /**
     * Client commands in a commandstats reading: what the store sent for requests, without what ran inside
     * its scripts, without its periodic CONFIG GET, and without the test's own INFO and CONFIG RESETSTAT.
     */
    static Map<String, Long> clientCommands(Map<String, Long> commandStats) {
        Map<String, Long> calls = new TreeMap<>(commandStats);
        calls.remove("info");
        calls.remove("config|resetstat");
        calls.remove("config|get"); // the near cache's check of notify-keyspace-events, every few seconds
        calls.remove("client|setname"); // a new connection names itself: once per connection, not per request
        calls.keySet().removeAll(SCRIPT_COMMANDS);
        return calls;
    }

    private void warmUpScripts() {
        SessionData session = session("warm-up", Map.of("a", 1));
        saveNew(session);
        store.load(session.id(), now(), 0).live();
        store.rotate(session.id(), SessionIds.rotated(session.id()), System.currentTimeMillis());
    }

    static String key(String id) {
        return "sessionkit:s:{" + SessionIds.lineage(id) + "}" + id.substring(SessionIds.LINEAGE_LENGTH);
    }

    private static long pttl(String id) {
        return Long.parseLong(redis.cli("PTTL", key(id)));
    }

    private RedisSessionStore started(RedisSessionStoreBuilder builder, Duration absolute) {
        RedisSessionStore started = builder.build();
        started.start(new StoreContext(absolute, expired::add));
        return started;
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        return eventually(condition, Duration.ofSeconds(10));
    }

    static boolean eventually(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
