package dev.sessionkit.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RevocationList} in this JVM: right for one server (and for tests), useless across several,
 * since each instance would see only its own revocations.
 *
 * <p>Bounded: it holds at most {@code capacity} revocations and as many session records. When full it
 * first forgets what expired; a revocation that still finds no room throws
 * {@link SessionStoreUnavailableException} (the logout answers 503) rather than forget a live revocation,
 * and a session record that finds no room is not kept (only the admin view misses it). Thread-safe.
 */
public final class InMemoryRevocationList implements RevocationList {

    /** Default capacity: revocations, and records of logged-in sessions, each. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private record Entry(long issuedBefore, long expiresAt) {
    }

    private record Recorded(String description, long expiresAt) {
    }

    private final int capacity;
    private final Map<String, Entry> revoked = new HashMap<>();
    private final Map<String, Map<String, Recorded>> records = new HashMap<>();
    private int recordCount;

    /**
     * @param capacity the most revocations, and the most session records, held at once
     */
    public InMemoryRevocationList(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized Revoked lookup(String lineage, String principal, long now) {
        return new Revoked(live(revoked.get("l:" + lineage), now), principal == null ? 0 : live(revoked.get("p:" + principal), now));
    }

    @Override
    public void revokeLineage(String lineage, long issuedBefore, long expiresAt) {
        revoke("l:" + lineage, issuedBefore, expiresAt);
    }

    @Override
    public void revokePrincipal(String principal, long issuedBefore, long expiresAt) {
        revoke("p:" + principal, issuedBefore, expiresAt);
    }

    @Override
    public synchronized void recordSession(String principal, String lineage, String description, long expiresAt) {
        Map<String, Recorded> sessions = records.get(principal);
        boolean added = sessions == null || !sessions.containsKey(lineage);
        if (added && recordCount >= capacity) {
            forgetExpiredRecords(System.currentTimeMillis());
            if (recordCount >= capacity) {
                return;
            }
        }
        records.computeIfAbsent(principal, p -> new LinkedHashMap<>()).put(lineage, new Recorded(description, expiresAt));
        if (added) {
            recordCount++;
        }
    }

    @Override
    public synchronized Map<String, String> sessionsOf(String principal, long now) {
        Map<String, String> live = new LinkedHashMap<>();
        records.getOrDefault(principal, Map.of()).forEach((lineage, recorded) -> {
            if (recorded.expiresAt() > now) {
                live.put(lineage, recorded.description());
            }
        });
        return live;
    }

    @Override
    public synchronized void forgetSessions(String principal, Iterable<String> lineages) {
        Map<String, Recorded> sessions = records.get(principal);
        if (sessions == null) {
            return;
        }
        for (String lineage : lineages) {
            if (sessions.remove(lineage) != null) {
                recordCount--;
            }
        }
        if (sessions.isEmpty()) {
            records.remove(principal);
        }
    }

    /** @return how many revocations are held, expired ones included until room is needed */
    public synchronized int size() {
        return revoked.size();
    }

    /** @return the class name and capacity */
    @Override
    public String toString() {
        return "InMemoryRevocationList[capacity=" + capacity + "]";
    }

    private synchronized void revoke(String key, long issuedBefore, long expiresAt) {
        Entry old = revoked.get(key);
        if (old == null && revoked.size() >= capacity) {
            long now = System.currentTimeMillis();
            revoked.values().removeIf(entry -> entry.expiresAt() <= now);
            if (revoked.size() >= capacity) {
                throw new SessionStoreUnavailableException("The in-memory revocation list is full (" + capacity
                        + " live revocations): shorten timeout.absolute, or use cookie-store.revocation=redis or jdbc", null);
            }
        }
        revoked.put(key, old == null ? new Entry(issuedBefore, expiresAt)
                : new Entry(Math.max(old.issuedBefore(), issuedBefore), Math.max(old.expiresAt(), expiresAt)));
    }

    private void forgetExpiredRecords(long now) {
        records.values().removeIf(sessions -> {
            int before = sessions.size();
            sessions.values().removeIf(recorded -> recorded.expiresAt() <= now);
            recordCount -= before - sessions.size();
            return sessions.isEmpty();
        });
    }

    private static long live(Entry entry, long now) {
        return entry == null || entry.expiresAt() <= now ? 0 : entry.issuedBefore();
    }
}
