package dev.sessionkit.config;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.InitParams;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.Map;
import java.util.Set;

/** {@code store=memory}, the default: the in-memory store, built into the filter module. */
final class MemoryStoreProvider implements SessionStoreProvider {

    static final String NAME = "memory";
    private static final String MAX_SESSIONS = "memory.max-sessions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of(MAX_SESSIONS);
    }

    @Override
    public SessionStore create(Map<String, String> initParams) {
        InitParams params = new InitParams(initParams);
        InMemorySessionStore.Builder memory = InMemorySessionStore.builder();
        params.integer(MAX_SESSIONS, max -> {
            if (max <= 0) {
                throw new SessionException(MAX_SESSIONS + " must be a positive number of sessions, was " + max);
            }
            memory.maxSessions(max);
        });
        return memory.build();
    }
}
