package dev.sessionkit.store.redis;

import dev.sessionkit.store.SessionData;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;

/**
 * Sessions this instance read recently, served without a round trip until Redis reports that another
 * writer changed their key (keyspace notifications, through {@link KeyspaceSubscriber}). This instance's own
 * save or touch updates the entry in place ({@link #update}), so its next read costs no round trip either.
 *
 * <p>Only serves while every server's subscription stands and every server is known to announce each
 * change ({@code notify-keyspace-events}, checked on each subscription and every few seconds); when either
 * is lost the cache empties and every read goes to Redis until both are back, since changes made meanwhile
 * would go unheard. An entry also
 * expires after a maximum age, which bounds how stale a lost notification can leave it.
 *
 * <p>A read from Redis races with changes: the value read may be older than a change whose notification
 * is handled before the value is put. Each ID hashes to a generation counter that every invalidation
 * bumps; a read takes the counter ({@link #stamp}) before it asks Redis, and {@link #put} drops the value
 * when the counter moved. Thread-safe.
 */
final class NearCache {

    private static final int STRIPES = 1024;

    private static final class Entry {
        private final SessionData session;
        private final long cachedAt;
        /** Read since it was cached or last spared by the eviction clock. */
        private volatile boolean readAgain;

        Entry(SessionData session, long cachedAt) {
            this.session = session;
            this.cachedAt = cachedAt;
        }

        SessionData session() {
            return session;
        }

        long cachedAt() {
            return cachedAt;
        }
    }

    private final long maxAgeMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final EvictionClock clock;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    /** Standing subscriptions per server; a server may briefly have two while one ends and one starts. */
    private final Map<String, Integer> subscriptions = new HashMap<>();
    /** Servers whose notify-keyspace-events was last seen to announce every change to a session. */
    private final Set<String> announcing = new HashSet<>();
    private Set<String> expected = Set.of();
    private volatile boolean serving;

    /**
     * @param maxEntries   most sessions kept; beyond it one that was not read again makes room ({@link EvictionClock})
     * @param maxAgeMillis longest an entry is served after it was read from Redis
     */
    NearCache(int maxEntries, long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
        this.clock = new EvictionClock(maxEntries);
    }

    /** @return the session as last read, or null when not cached, too old, or the cache is not serving */
    SessionData get(String id, long now) {
        if (!isServing()) {
            return null;
        }
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        if (now - entry.cachedAt() > maxAgeMillis || now < entry.cachedAt()) {
            entries.remove(id, entry);
            return null;
        }
        if (!entry.readAgain) {
            entry.readAgain = true;
        }
        return entry.session();
    }

    /** @return the ID's generation, to pass to {@link #put} with what a read that starts now returns */
    long stamp(String id) {
        return generations.get(stripe(id));
    }

    /** Keeps a session read from Redis, unless its key changed (or the cache stopped serving) since {@code stamp}. */
    void put(SessionData session, long stamp, long now) {
        String id = session.id();
        int stripe = stripe(id);
        if (!isServing() || generations.get(stripe) != stamp) {
            return;
        }
        String victim = clock.admit(id, entries::containsKey, this::takeReadAgain);
        if (victim != null) {
            entries.remove(victim);
        }
        Entry entry = new Entry(session, now);
        entries.put(id, entry);
        // An invalidation between the check above and the put has removed nothing yet: take the entry back.
        if (generations.get(stripe) != stamp) {
            entries.remove(id, entry);
        }
    }

    /**
     * Applies a write of this instance, acknowledged by Redis, to its cached session, if one is cached; the
     * write's own keyspace events are known as such ({@link WriteMarkers}) and invalidate nothing. A read
     * that began before the write may hold the session from before it, so none puts what it read.
     */
    void update(String id, UnaryOperator<SessionData> write) {
        generations.incrementAndGet(stripe(id));
        // The entry keeps its read time: max-age still bounds how long a lost notification goes unnoticed.
        entries.computeIfPresent(id, (key, entry) -> {
            Entry written = new Entry(write.apply(entry.session()), entry.cachedAt());
            written.readAgain = entry.readAgain;
            return written;
        });
    }

    /** Clears an entry's mark for the eviction clock, telling whether it was set. */
    private boolean takeReadAgain(String id) {
        Entry entry = entries.get(id);
        if (entry == null || !entry.readAgain) {
            return false;
        }
        entry.readAgain = false;
        return true;
    }

    /** Forgets a session whose key changed. */
    void invalidate(String id) {
        generations.incrementAndGet(stripe(id));
        entries.remove(id);
    }

    /**
     * Names the servers whose subscriptions must all stand for the cache to serve: every server that can
     * hold a session. A server that joins stops the cache until its subscription stands.
     */
    synchronized void expect(Set<String> servers) {
        expected = Set.copyOf(servers);
        recompute();
    }

    /**
     * A server's subscription stands (again). Reads that started before it may hold changes made unheard,
     * so none of them is kept; the server's setting must then be confirmed with {@link #announces}.
     */
    synchronized void subscribed(String server) {
        forgetAll();
        subscriptions.merge(server, 1, Integer::sum);
        // Serves only once the setting is confirmed on this subscription, never on an older one's word.
        announcing.remove(server);
        recompute();
    }

    /**
     * A server's subscription is lost: whatever changes there from now on goes unheard, so nothing is served.
     */
    synchronized void unsubscribed(String server) {
        subscriptions.computeIfPresent(server, (name, count) -> count == 1 ? null : count - 1);
        if (!subscriptions.containsKey(server)) {
            announcing.remove(server);
        }
        forgetAll();
        recompute();
    }

    /**
     * Records whether a server announces every change to a session now. Confirming it anew forgets what reads
     * took before, which may hold changes made unannounced; losing it stops serving at once.
     */
    synchronized void announces(String server, boolean announces) {
        boolean changed = announces ? announcing.add(server) : announcing.remove(server);
        if (changed) {
            forgetAll();
            recompute();
        }
    }

    boolean isServing() {
        return serving;
    }

    private void recompute() {
        serving = !expected.isEmpty() && subscriptions.keySet().containsAll(expected) && announcing.containsAll(expected);
    }

    private void forgetAll() {
        for (int i = 0; i < STRIPES; i++) {
            generations.incrementAndGet(i);
        }
        entries.clear();
    }

    private static int stripe(String id) {
        return (id.hashCode() & 0x7fffffff) % STRIPES;
    }
}
