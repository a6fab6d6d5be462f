package dev.sessionkit.testapp;

import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a server-side store and records what the filter asked of it: the seam for "saves only what changed". */
public final class CountingStore extends ForwardingSessionStore {

    public final AtomicInteger loads = new AtomicInteger();
    public final AtomicInteger deletes = new AtomicInteger();
    public final AtomicInteger rotations = new AtomicInteger();
    public final List<SessionChanges> saves = new CopyOnWriteArrayList<>();

    public CountingStore(SessionStore delegate) {
        super(delegate);
    }

    public void reset() {
        loads.set(0);
        deletes.set(0);
        rotations.set(0);
        saves.clear();
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        loads.incrementAndGet();
        return super.load(token, now, touchAfterMillis);
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        saves.add(changes);
        return super.save(session, changes);
    }

    @Override
    public boolean delete(String id, long now) {
        deletes.incrementAndGet();
        return super.delete(id, now);
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        rotations.incrementAndGet();
        return super.rotate(oldId, newId, now);
    }
}
