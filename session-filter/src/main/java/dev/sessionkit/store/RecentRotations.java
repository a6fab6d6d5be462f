package dev.sessionkit.store;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IDs rotated away in the last {@link SessionStore#ROTATION_GRACE_MILLIS}, so a load of one can answer
 * {@link LoadResult#ROTATED}. Bounded: past {@code capacity} entries, expired ones are dropped, and if none
 * has expired a rotation goes unrecorded (its old ID then loads as absent, as it would without this record).
 * Thread-safe.
 */
final class RecentRotations {

    private final int capacity;
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    RecentRotations(int capacity) {
        this.capacity = capacity;
    }

    void rotated(String oldId, long now) {
        if (until.size() >= capacity) {
            prune(now);
            if (until.size() >= capacity) {
                return;
            }
        }
        until.put(oldId, now + SessionStore.ROTATION_GRACE_MILLIS);
    }

    boolean isRecent(String id, long now) {
        Long deadline = until.get(id);
        if (deadline == null) {
            return false;
        }
        if (now > deadline) {
            until.remove(id, deadline);
            return false;
        }
        return true;
    }

    void prune(long now) {
        for (Iterator<Long> it = until.values().iterator(); it.hasNext(); ) {
            if (now > it.next()) {
                it.remove();
            }
        }
    }
}
