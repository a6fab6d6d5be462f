package dev.sessionkit.config;

import dev.sessionkit.store.InMemorySessionStore;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreProvider;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code store=recording}: an in-memory store that counts how often init-params created one. */
public final class RecordingStoreProvider implements SessionStoreProvider {

    static final String NAME = "recording";
    static final AtomicInteger created = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public SessionStore create(Map<String, String> params) {
        created.incrementAndGet();
        return InMemorySessionStore.builder().build();
    }
}
