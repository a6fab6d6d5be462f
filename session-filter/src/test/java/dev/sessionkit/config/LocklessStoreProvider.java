package dev.sessionkit.config;

import dev.sessionkit.store.ForwardingSessionStore;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionLocks;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code store=lockless}: an in-memory store that cannot lock, so {@code lock=true} fails once it is
 * created. It keeps every store it created; {@code lockless.close-fails=true} makes their close throw.
 */
public final class LocklessStoreProvider implements SessionStoreProvider {

    static final String NAME = "lockless";
    static final List<LocklessStore> CREATED = new CopyOnWriteArrayList<>();

    /** The store: counts its closes. */
    static final class LocklessStore extends ForwardingSessionStore {
        final AtomicInteger closed = new AtomicInteger();
        private final boolean closeFails;

        LocklessStore(boolean closeFails) {
            super(InMemorySessionStore.builder().build());
            this.closeFails = closeFails;
        }

        @Override
        public Optional<SessionLocks> locks() {
            return Optional.empty();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            super.close();
            if (closeFails) {
                throw new IllegalStateException("lockless store failed to close");
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("lockless.close-fails");
    }

    @Override
    public SessionStore create(Map<String, String> params) {
        LocklessStore store = new LocklessStore(Boolean.parseBoolean(params.get("lockless.close-fails")));
        CREATED.add(store);
        return store;
    }
}
