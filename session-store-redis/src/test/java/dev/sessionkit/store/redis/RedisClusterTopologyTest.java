package dev.sessionkit.store.redis;

import dev.sessionkit.codec.AttributeCodec;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.testing.redis.RedisClusterExtension;
import dev.sessionkit.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.sessionkit.store.redis.RedisSessionStoreTest.eventually;
import static dev.sessionkit.store.redis.RedisSessionStoreTest.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Cluster that grows while the store runs, as it does when users outgrow their masters. */
class RedisClusterTopologyTest {

    private static final AttributeCodec CODEC = AttributeCodec.allowing(List.of());

    @RegisterExtension
    static final RedisClusterExtension cluster = new RedisClusterExtension(3, "--notify-keyspace-events", "EKghxe");

    @Test
    void aMasterThatJoinsIsHeardForExpiryAndByTheNearCache() throws InterruptedException {
        RedisServer seed = cluster.nodes().get(0);
        Set<HostAndPort> seeds = Set.of(new HostAndPort(seed.host(), seed.port()));
        List<String> expired = new CopyOnWriteArrayList<>();
        try (RedisSessionStore cached = RedisSessionStore.builder().cluster(seeds).nearCache(100)
                .nearCacheMaxAge(Duration.ofMinutes(5)).build();
             RedisSessionStore other = RedisSessionStore.builder().cluster(seeds).expiryEvents(false).build()) {
            cached.start(new StoreContext(Duration.ZERO, expired::add));
            other.start(new StoreContext(Duration.ZERO, id -> { }));
            assertTrue(eventually(cached::isNearCacheServing));
            long now = System.currentTimeMillis();
            SessionData session = new SessionData(SessionIds.newId(), now, now, 1800, null, Map.of("n", CODEC.encode("n", 1)));
            cached.save(session, new SessionChanges(true, Set.of("n"), Set.of(), false));

            RedisServer added = cluster.cluster().addMaster();
            int slot = Integer.parseInt(cluster.cli("CLUSTER", "KEYSLOT", key(session.id())).strip());
            cluster.cluster().moveSlot(slot, added);

            assertTrue(eventually(() -> added.cli("PUBSUB", "NUMPAT").strip().equals("2")),
                    "the store subscribed on the new master (expiry and keyspace patterns)");
            assertTrue(eventually(cached::isNearCacheServing));
            assertEquals(1, CODEC.decode(cached.load(session.id(), System.currentTimeMillis(), 60_000).live().attributes().get("n")));

            other.save(new SessionData(session.id(), now, System.currentTimeMillis(), 1800, null, Map.of("n", CODEC.encode("n", 2))),
                    new SessionChanges(false, Set.of("n"), Set.of(), false));
            assertTrue(eventually(() -> Integer.valueOf(2).equals(CODEC.decode(
                    cached.load(session.id(), System.currentTimeMillis(), 60_000).live().attributes().get("n")))),
                    "a change on the new master reached the cache, long before its maximum age");

            // Same lineage, same hash slot: this session lives on the new master too.
            SessionData brief = new SessionData(SessionIds.rotated(session.id()), now, now, 1, null, Map.of());
            other.save(brief, new SessionChanges(true, Set.of(), Set.of(), false));
            assertTrue(eventually(() -> expired.contains(brief.id())), "its expiry reached the listener");
        }
    }
}
