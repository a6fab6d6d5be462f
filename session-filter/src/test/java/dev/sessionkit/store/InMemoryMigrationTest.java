package dev.sessionkit.store;

/**
 * The migration contract between two in-memory stores (two instances share each store object). Reads of the
 * old store take a few milliseconds, as a network store's would, so that two instances racing for one
 * session both read it before either claims it.
 */
class InMemoryMigrationTest extends MigrationContract {

    private final SessionStore oldMemory = InMemorySessionStore.builder().build();
    private final SessionStore newMemory = InMemorySessionStore.builder().build();

    @Override
    protected SessionStore openOld() {
        return new ForwardingSessionStore(shared(oldMemory)) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.load(token, now, touchAfterMillis);
            }
        };
    }

    @Override
    protected SessionStore openNew() {
        return shared(newMemory);
    }

    /** Another "client" of one in-memory store: closing it leaves the store to the others. */
    private static SessionStore shared(SessionStore store) {
        return new ForwardingSessionStore(store) {
            @Override
            public void start(StoreContext context) {
            }

            @Override
            public void close() {
            }
        };
    }
}
