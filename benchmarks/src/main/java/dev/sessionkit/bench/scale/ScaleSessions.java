package dev.sessionkit.bench.scale;

import dev.sessionkit.bench.fixtures.SessionFixtures;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionStore;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fills stores with the load run's sessions (four small attributes) and reads the heap. */
final class ScaleSessions {

    static final int FILL_THREADS = 4;

    private ScaleSessions() {
    }

    /** A new session as the filter saves it: the fixture's four attributes, encoded. */
    static SessionData session(int n, String principal, int maxInactiveSeconds) {
        long now = System.currentTimeMillis();
        return new SessionData(SessionIds.newId(), now, now, maxInactiveSeconds, principal,
                SessionFixtures.encode(SessionFixtures.small(n)));
    }

    static SessionChanges created(SessionData session) {
        return new SessionChanges(true, session.attributes().keySet(), Set.of(), session.principal() != null);
    }

    /** A save of an existing session that replaces one attribute: a request that writes. */
    static SessionChanges oneAttribute(String name) {
        return new SessionChanges(false, Set.of(name), Set.of(), false);
    }

    /**
     * Saves {@code count} new sessions from {@link #FILL_THREADS} threads.
     *
     * @return their IDs
     */
    static List<String> fill(SessionStore store, int count, int maxInactiveSeconds) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
        ExecutorService pool = Executors.newFixedThreadPool(FILL_THREADS);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < FILL_THREADS; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < count; i += FILL_THREADS) {
                        SessionData session = session(i, null, maxInactiveSeconds);
                        if (store.save(session, created(session)) == null) {
                            throw new IllegalStateException("a new session was not saved");
                        }
                        ids.add(session.id());
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(ids);
    }

    /**
     * Times {@code count} loads of sessions drawn at random from {@code ids}, with no touch due, after as many
     * untimed ones (so the JIT has compiled the path at every size alike).
     */
    static Latencies loads(SessionStore store, List<String> ids, int count, Random random) {
        Latencies load = new Latencies(count * 2);
        long now = System.currentTimeMillis();
        for (int i = 0; i < count * 2; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            load.time(() -> store.load(id, now, Long.MAX_VALUE));
        }
        return load.withoutFirst(count);
    }

    /** Times {@code count} saves of one attribute of sessions drawn at random from {@code ids}, after as many untimed ones. */
    static Latencies saves(SessionStore store, List<String> ids, int count, Random random) {
        Latencies save = new Latencies(count * 2);
        for (int i = 0; i < count * 2; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            int value = i;
            save.time(() -> store.save(withAttribute(id, "visits", value), oneAttribute("visits")));
        }
        return save.withoutFirst(count);
    }

    /** A write of one attribute, as {@link #oneAttribute} names it, of session {@code id}. */
    static SessionData withAttribute(String id, String name, int value) {
        long now = System.currentTimeMillis();
        return new SessionData(id, now, now, 1800, null, SessionFixtures.encode(Map.<String, Object>of(name, (long) value)));
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
