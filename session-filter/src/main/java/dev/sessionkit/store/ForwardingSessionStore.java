package dev.sessionkit.store;

import java.util.Optional;

/**
 * A store that passes every call to another: the base for wrappers (metrics, encryption, revocation,
 * migration) that change a few operations and must keep the rest, including {@link #admin()} and {@link #locks()}, intact.
 *
 * <p>Thread-safe when the delegate is. Subclasses override what they change and call {@code super}.
 */
public abstract class ForwardingSessionStore implements SessionStore {

    private final SessionStore delegate;

    /**
     * @param delegate the wrapped store, never null
     */
    protected ForwardingSessionStore(SessionStore delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the wrapped store */
    protected final SessionStore delegate() {
        return delegate;
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        return delegate.load(token, now, touchAfterMillis);
    }

    @Override
    public String save(SessionData session, SessionChanges changes) {
        return delegate.save(session, changes);
    }

    @Override
    public boolean delete(String id, long now) {
        return delegate.delete(id, now);
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        return delegate.rotate(oldId, newId, now);
    }

    @Override
    public LoadResult adopt(String cookieValue, long now, long touchAfterMillis) {
        return delegate.adopt(cookieValue, now, touchAfterMillis);
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return delegate.admin();
    }

    @Override
    public Optional<SessionLocks> locks() {
        return delegate.locks();
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public void start(StoreContext context) {
        delegate.start(context);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
