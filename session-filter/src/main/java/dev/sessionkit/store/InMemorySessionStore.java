package dev.sessionkit.store;

import dev.sessionkit.SessionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions in this JVM's heap: the embedded default, for one server or for development.
 *
 * <p>Values are kept encoded, exactly as a remote store keeps them, so an application that works here
 * works unchanged on Redis. Thread-safe; gives every guarantee of the {@link SessionStore} contract.
 * Idle sessions are swept by one daemon thread; when {@code maxSessions} is reached, creating a session
 * evicts one of a random sample of 16 existing sessions (as Redis' LRU does), so memory stays bounded under
 * a flood of new sessions and making room costs the same whatever the count. The victim is an idle-expired
 * session if the sample holds one, else an anonymous one (no principal) before any that holds a login,
 * and among those the least recently used.
 */
public final class InMemorySessionStore implements SessionStore, SessionAdmin {

    private static final int EVICTION_SAMPLE = 16;

    private final ConcurrentHashMap<String, SessionData> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> byPrincipal = new ConcurrentHashMap<>();
    private final SampledIds ids = new SampledIds();
    private final RecentRotations rotations = new RecentRotations(10_000);
    private final InMemoryLocks locks = new InMemoryLocks();
    private final int maxSessions;
    private final long sweepMillis;
    private final Thread[] sweeperThread = new Thread[1];
    private ScheduledExecutorService sweeper;
    private volatile StoreContext context = StoreContext.NONE;

    private InMemorySessionStore(Builder builder) {
        this.maxSessions = builder.maxSessions;
        this.sweepMillis = builder.sweepInterval.toMillis();
    }

    /**
     * @return a builder with defaults: at most 100,000 sessions, swept every minute
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the sweeper thread; a store never started keeps no thread. */
    @Override
    public synchronized void start(StoreContext context) {
        this.context = context;
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sessionkit-memory-sweeper");
            thread.setDaemon(true);
            sweeperThread[0] = thread;
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> sweep(System.currentTimeMillis()), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public LoadResult load(String id, long now, long touchAfterMillis) {
        SessionData session = sessions.get(id);
        if (session == null) {
            return rotations.isRecent(id, now) ? LoadResult.ROTATED : LoadResult.ABSENT;
        }
        if (session.isIdleExpired(now)) {
            return remove(id) ? LoadResult.expired(session) : LoadResult.ABSENT;
        }
        if (now - session.lastAccessedTime() >= touchAfterMillis) {
            sessions.computeIfPresent(id, (k, current) -> current.accessedAt(Math.max(now, current.lastAccessedTime())));
        }
        return LoadResult.found(session);
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        String id = session.id();
        if (changes.isNew() && !sessions.containsKey(id)) {
            makeRoom(session.lastAccessedTime());
        }
        boolean[] written = {false};
        SessionData saved = sessions.compute(id, (k, current) -> {
            if (current == null || changes.isNew()) {
                // A new session never overwrites one that exists: with 256-bit IDs that is a bug, not luck.
                written[0] = current == null && changes.isNew();
                return written[0] ? session : current;
            }
            written[0] = true;
            return merge(current, session, changes);
        });
        if (!written[0]) {
            return null;
        }
        if (changes.isNew()) {
            ids.add(id);
        }
        if (saved.principal() != null && (changes.isNew() || changes.metadataChanged())) {
            byPrincipal.computeIfAbsent(saved.principal(), p -> ConcurrentHashMap.newKeySet()).add(id);
        }
        return id;
    }

    @Override
    public boolean delete(String id, long now) {
        return remove(id);
    }

    @Override
    public boolean delete(String id) {
        return remove(id);
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        if (sessions.containsKey(newId)) {
            throw new IllegalArgumentException("The new session ID is already in use");
        }
        SessionData session = sessions.remove(oldId);
        if (session == null) {
            return false;
        }
        // Nobody knows newId yet, so the gap between remove and put is invisible to other requests.
        sessions.put(newId, session.withId(newId));
        ids.remove(oldId);
        ids.add(newId);
        rotations.rotated(oldId, now);
        if (session.principal() != null) {
            Set<String> ids = byPrincipal.computeIfAbsent(session.principal(), p -> ConcurrentHashMap.newKeySet());
            ids.add(newId);
            ids.remove(oldId);
        }
        return true;
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return Optional.of(this);
    }

    /** A monitor per session in this JVM; see {@link InMemoryLocks}. */
    @Override
    public Optional<SessionLocks> locks() {
        return Optional.of(locks);
    }

    @Override
    public long count() {
        return sessions.size();
    }

    @Override
    public SessionPage list(String cursor, int limit) {
        // Sessions are listed in the order of a hash of their ID, and the cursor is the last hash returned:
        // pages never overlap, and a cursor that ends up in a URL or a log reveals no session ID.
        int size = Math.max(1, limit);
        List<Map.Entry<String, SessionData>> page = sessions.values().stream()
                .map(s -> Map.entry(cursorOf(s.id()), s))
                .filter(e -> cursor == null || e.getKey().compareTo(cursor) > 0)
                .sorted(Map.Entry.comparingByKey())
                .limit(size)
                .toList();
        String next = page.size() < size ? null : page.get(page.size() - 1).getKey();
        return new SessionPage(page.stream().map(e -> SessionInfo.of(e.getValue())).toList(), next);
    }

    private static String cursorOf(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public Optional<SessionInfo> find(String id) {
        return Optional.ofNullable(sessions.get(id)).map(SessionInfo::of);
    }

    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        Set<String> ids = byPrincipal.getOrDefault(principal, Set.of());
        List<SessionInfo> result = new ArrayList<>();
        for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
            SessionData session = sessions.get(it.next());
            if (session == null || !principal.equals(session.principal())) {
                it.remove(); // a stale index entry: the session expired, was deleted or changed user
            } else {
                result.add(SessionInfo.of(session));
            }
        }
        result.sort(Comparator.comparingLong(SessionInfo::lastAccessedTime).reversed());
        return result;
    }

    @Override
    public int deleteAllOf(String principal) {
        int deleted = 0;
        for (SessionInfo info : sessionsOf(principal)) {
            if (remove(info.id())) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Stops the sweeper thread and waits briefly for it. Sessions stay readable until the store is dropped. */
    @Override
    public synchronized void close() {
        if (sweeper == null) {
            return;
        }
        sweeper.shutdownNow();
        try {
            // Containers warn about threads a web application leaves running at undeploy; the executor
            // terminating is not yet its thread having ended.
            sweeper.awaitTermination(1, TimeUnit.SECONDS);
            Thread thread = sweeperThread[0];
            if (thread != null) {
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void sweep(long now) {
        rotations.prune(now);
        locks.dropLapsed();
        sessions.forEach((id, session) -> {
            if (session.isIdleExpired(now) && remove(id)) {
                context.expiryListener().accept(id);
            }
        });
    }

    private boolean remove(String id) {
        SessionData removed = sessions.remove(id);
        if (removed != null) {
            ids.remove(id);
        }
        if (removed != null && removed.principal() != null) {
            Set<String> ids = byPrincipal.get(removed.principal());
            if (ids != null) {
                ids.remove(id);
            }
        }
        return removed != null;
    }

    private void makeRoom(long now) {
        // Bounded: each round removes one session, and concurrent creators can each add at most one.
        for (int round = 0; round < EVICTION_SAMPLE && sessions.size() >= maxSessions; round++) {
            SessionData victim = null;
            for (String candidateId : ids.sample(EVICTION_SAMPLE)) {
                SessionData candidate = sessions.get(candidateId);
                if (candidate == null) {
                    ids.remove(candidateId); // removed between a delete and its index update
                } else if (victim == null || evictsBefore(candidate, victim, now)) {
                    victim = candidate;
                }
            }
            if (victim == null) {
                return;
            }
            if (remove(victim.id()) && victim.isIdleExpired(now)) {
                context.expiryListener().accept(victim.id());
            }
        }
    }

    private static boolean evictsBefore(SessionData a, SessionData b, long now) {
        int rankA = evictionRank(a, now);
        int rankB = evictionRank(b, now);
        return rankA != rankB ? rankA < rankB : a.lastAccessedTime() < b.lastAccessedTime();
    }

    /** Lower goes first: idle-expired sessions, then anonymous ones, then those that hold a login. */
    private static int evictionRank(SessionData session, long now) {
        if (session.isIdleExpired(now)) {
            return 0;
        }
        return session.principal() == null ? 1 : 2;
    }

    private static SessionData merge(SessionData current, SessionData update, SessionChanges changes) {
        Map<String, byte[]> attributes = new LinkedHashMap<>(current.attributes());
        for (String name : changes.set()) {
            attributes.put(name, update.attributes().get(name));
        }
        for (String name : changes.removed()) {
            attributes.remove(name);
        }
        boolean meta = changes.metadataChanged();
        return new SessionData(current.id(), current.creationTime(),
                Math.max(current.lastAccessedTime(), update.lastAccessedTime()),
                meta ? update.maxInactiveSeconds() : current.maxInactiveSeconds(),
                meta ? update.principal() : current.principal(), attributes);
    }

    /** Configures an {@link InMemorySessionStore}. Not thread-safe; build once. */
    public static final class Builder {
        private int maxSessions = 100_000;
        private Duration sweepInterval = Duration.ofMinutes(1);

        private Builder() {
        }

        /**
         * @param maxSessions the most sessions kept; positive
         * @return this builder
         */
        public Builder maxSessions(int maxSessions) {
            if (maxSessions <= 0) {
                throw new SessionException("maxSessions must be positive, was " + maxSessions);
            }
            this.maxSessions = maxSessions;
            return this;
        }

        /**
         * @param sweepInterval how often idle sessions are removed; positive
         * @return this builder
         */
        public Builder sweepInterval(Duration sweepInterval) {
            if (Objects.requireNonNull(sweepInterval).isNegative() || sweepInterval.isZero()) {
                throw new SessionException("sweepInterval must be positive, was " + sweepInterval);
            }
            this.sweepInterval = sweepInterval;
            return this;
        }

        /**
         * @return the store; its sweeper thread starts with {@link #start}
         */
        public InMemorySessionStore build() {
            return new InMemorySessionStore(this);
        }
    }
}
