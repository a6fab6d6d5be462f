package dev.sessionkit.store;

/** A migration window keeps the whole store contract: here while the old store holds nothing. */
class MigratingSessionStoreContractTest extends SessionStoreContract {

    @Override
    protected SessionStore createStore() {
        return MigratingSessionStore.between(InMemorySessionStore.builder().build(), InMemorySessionStore.builder().build());
    }
}
