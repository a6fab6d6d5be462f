package dev.sessionkit.testapp;

import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store and records what the filter asked of it: the seam for "saves only what changed". */
public final class CountingStore implements SessionStore {

    private final SessionStore delegate;
    public final AtomicInteger loads = new AtomicInteger();
    public final AtomicInteger deletes = new AtomicInteger();
    public final AtomicInteger rotations = new AtomicInteger();
    public final List<SessionChanges> saves = new CopyOnWriteArrayList<>();

    public CountingStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    public void reset() {
        loads.set(0);
        deletes.set(0);
        rotations.set(0);
        saves.clear();
    }

    @Override
    public void start(StoreContext context) {
        delegate.start(context);
    }

    @Override
    public SessionData load(String token, long now, long touchAfterMillis) {
        loads.incrementAndGet();
        return delegate.load(token, now, touchAfterMillis);
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        saves.add(changes);
        return delegate.save(session, changes);
    }

    @Override
    public boolean delete(String id) {
        deletes.incrementAndGet();
        return delegate.delete(id);
    }

    @Override
    public boolean rotate(String oldId, String newId) {
        rotations.incrementAndGet();
        return delegate.rotate(oldId, newId);
    }

    @Override
    public boolean isClientSide() {
        return delegate.isClientSide();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
