package dev.sessionkit.store;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void anInstanceThatReadTheSessionBeforeALogoutTakesBackItsLateInsert() {
        SessionData session = inOld("alice", Map.of("a", 1));
        AtomicBoolean first = new AtomicBoolean(true);
        // Right after the slow instance has read the old store, the other one moves the session and logs out.
        SessionStore oldBehindLogout = new ForwardingSessionStore(shared(oldMemory)) {
            @Override
            public LoadResult load(String token, long now, long touchAfterMillis) {
                LoadResult read = super.load(token, now, touchAfterMillis);
                if (first.getAndSet(false)) {
                    window.load(token, now, touchAfterMillis);
                    window.delete(token, now);
                }
                return read;
            }
        };
        MigratingSessionStore slow = openWindow(shared(newMemory), oldBehindLogout);

        assertFalse(slow.load(session.id(), now(), 60_000).isFound());
        assertNull(newStore.load(session.id(), now(), 60_000).live(), "the logged-out session is not brought back");
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
