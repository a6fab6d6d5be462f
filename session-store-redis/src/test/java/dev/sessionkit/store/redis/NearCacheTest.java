package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orderings a near cache must get right, which a live Redis produces only by chance. */
class NearCacheTest {

    private static final long NOW = 1_000_000;

    private final NearCache cache = new NearCache(3, 5_000);
    private final SessionData session = new SessionData(SessionIds.newId(), NOW, NOW, 1800, null, Map.of());

    @Test
    void servesWhatWasPutOnceEveryServerIsSubscribed() {
        subscribeAll();
        cache.put(session, cache.stamp(session.id()), NOW);

        assertSame(session, cache.get(session.id(), NOW + 1));
    }

    @Test
    void aReadThatAChangeOvertookIsNotKept() {
        subscribeAll();
        long stamp = cache.stamp(session.id());
        cache.invalidate(session.id()); // the change's notification, handled before the read's reply

        cache.put(session, stamp, NOW);

        assertNull(cache.get(session.id(), NOW));
    }

    @Test
    void aReadStartedBeforeTheSubscriptionStoodIsNotKept() {
        cache.expect(Set.of("a", "b"));
        cache.subscribed("a");
        cache.announces("a", true);
        long stamp = cache.stamp(session.id());
        cache.subscribed("b"); // changes between the read and now went unheard
        cache.announces("b", true);

        cache.put(session, stamp, NOW);

        assertNull(cache.get(session.id(), NOW));
    }

    @Test
    void losingOneSubscriptionEmptiesTheCacheAndStopsServing() {
        subscribeAll();
        cache.put(session, cache.stamp(session.id()), NOW);

        cache.unsubscribed("b");
        assertFalse(cache.isServing());
        assertNull(cache.get(session.id(), NOW));

        cache.subscribed("b");
        cache.announces("b", true);
        assertNull(cache.get(session.id(), NOW), "what was cached before the loss stays forgotten");
    }

    @Test
    void anEntryOlderThanTheMaximumAgeIsNotServed() {
        subscribeAll();
        cache.put(session, cache.stamp(session.id()), NOW);

        assertSame(session, cache.get(session.id(), NOW + 5_000));
        assertNull(cache.get(session.id(), NOW + 5_001));
    }

    @Test
    void holdsNoMoreThanItsMaximum() {
        subscribeAll();
        List<SessionData> sessions = IntStream.range(0, 10)
                .mapToObj(i -> new SessionData(SessionIds.newId(), NOW, NOW, 0, null, Map.of())).toList();
        sessions.forEach(s -> cache.put(s, cache.stamp(s.id()), NOW));

        assertSame(sessions.get(9), cache.get(sessions.get(9).id(), NOW), "the newest entry is kept");
        assertEquals(3, sessions.stream().filter(s -> cache.get(s.id(), NOW) != null).count());
    }

    @Test
    void sessionsReadAgainStayWhileSessionsReadOnceMakeRoom() {
        NearCache big = new NearCache(100, 60_000);
        big.expect(Set.of("a"));
        big.subscribed("a");
        big.announces("a", true);
        List<SessionData> hot = IntStream.range(0, 50)
                .mapToObj(i -> new SessionData(SessionIds.newId(), NOW, NOW, 0, null, Map.of())).toList();
        hot.forEach(s -> big.put(s, big.stamp(s.id()), NOW));

        for (int round = 0; round < 20; round++) {
            hot.forEach(s -> assertSame(s, big.get(s.id(), NOW), "a session read in every round stays cached"));
            for (int i = 0; i < 50; i++) {
                SessionData once = new SessionData(SessionIds.newId(), NOW, NOW, 0, null, Map.of());
                big.put(once, big.stamp(once.id()), NOW);
            }
        }
    }

    @Test
    void aServerThatJoinsStopsTheCacheUntilItsSubscriptionStands() {
        subscribeAll();
        cache.put(session, cache.stamp(session.id()), NOW);

        cache.expect(Set.of("a", "b", "c"));
        assertNull(cache.get(session.id(), NOW));

        cache.subscribed("c");
        cache.announces("c", true);
        assertNull(cache.get(session.id(), NOW), "forgotten: changes on c before it was heard");
        cache.put(session, cache.stamp(session.id()), NOW);
        assertSame(session, cache.get(session.id(), NOW));
    }

    @Test
    void aSubscriptionEndingAfterItsReplacementStoodLeavesTheCacheServing() {
        subscribeAll();
        cache.subscribed("b"); // b's new subscription stands before the old one's end is reported
        cache.announces("b", true);
        cache.unsubscribed("b");

        assertTrue(cache.isServing());
    }

    @Test
    void servesOnlyOnceEveryServersSettingIsConfirmed() {
        cache.expect(Set.of("a", "b"));
        cache.subscribed("a");
        cache.subscribed("b");
        cache.announces("a", true);
        assertFalse(cache.isServing(), "b's subscription stands, but b may announce nothing");

        cache.announces("b", true);
        assertTrue(cache.isServing());
    }

    @Test
    void aServerThatStopsAnnouncingEmptiesTheCacheAndStopsServing() {
        subscribeAll();
        cache.put(session, cache.stamp(session.id()), NOW);

        cache.announces("b", false); // CONFIG SET notify-keyspace-events "" at runtime
        assertFalse(cache.isServing());
        assertNull(cache.get(session.id(), NOW));

        cache.announces("b", true);
        assertTrue(cache.isServing());
        assertNull(cache.get(session.id(), NOW), "changes made while b announced nothing went unheard");
    }

    @Test
    void aResubscribedServerServesOnlyOnceItsSettingIsConfirmedAgain() {
        subscribeAll();
        cache.unsubscribed("b"); // a restart, which loses a setting made with CONFIG SET
        cache.subscribed("b");
        assertFalse(cache.isServing());

        cache.announces("b", true);
        assertTrue(cache.isServing());
    }

    private void subscribeAll() {
        cache.expect(Set.of("a", "b"));
        cache.subscribed("a");
        cache.subscribed("b");
        cache.announces("a", true);
        cache.announces("b", true);
    }
}
