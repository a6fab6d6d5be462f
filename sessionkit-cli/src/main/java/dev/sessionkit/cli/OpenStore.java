package dev.sessionkit.cli;

import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.store.ClientSideStore;
import dev.sessionkit.store.MigratingSessionStore;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.StoreContext;

/**
 * A started store and its configuration, closed when the command ends. The tool works on the store itself,
 * below the filter: it sees store IDs and attribute values as stored (sealed, when encryption at rest is on).
 *
 * @param config the configuration
 * @param store  the store, started with the configured absolute timeout
 */
record OpenStore(SessionConfig config, SessionStore store) implements AutoCloseable {

    static OpenStore start(SessionConfig config) {
        SessionStore store = config.store();
        store.start(new StoreContext(config.absoluteTimeout(), id -> { }));
        return new OpenStore(config, store);
    }

    /**
     * @param what the command, for the message
     * @return the store's admin view
     * @throws SessionkitCommand.UsageError for the cookie store, which keeps no sessions of its own
     */
    SessionAdmin admin(String what) {
        return store.admin().orElseThrow(() -> new SessionkitCommand.UsageError(noList(what)));
    }

    /**
     * @param what the command, for the message
     * @return the store, when it is one whose sessions can be copied
     * @throws SessionkitCommand.UsageError for the cookie store and a migration window
     */
    SessionStore copyable(String what) {
        if (store instanceof MigratingSessionStore) {
            throw new SessionkitCommand.UsageError(what + " works on one store; remove migrate.from (reading through a"
                    + " migration window would move the sessions it reads)");
        }
        if (store instanceof ClientSideStore || store.admin().isEmpty()) {
            throw new SessionkitCommand.UsageError(noList(what));
        }
        return store;
    }

    private String noList(String what) {
        return store instanceof ClientSideStore
                ? "The cookie store keeps each session in its browser's cookie, not on a server: there is nothing to "
                + what + ". Export and import work with store=memory, redis or jdbc"
                : "This store (" + store + ") keeps no list of sessions: it cannot " + what;
    }

    @Override
    public void close() {
        store.close();
    }
}
