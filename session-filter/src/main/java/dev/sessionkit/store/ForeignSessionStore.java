package dev.sessionkit.store;

/**
 * A read-only view of another library's sessions (Spring Session's, for instance), named by that library's
 * own session cookie value: only ever the old store of a {@link MigratingSessionStore}.
 *
 * <p>{@link #load} takes the foreign cookie value as it arrives (the filter passes it unsigned) and returns
 * the session under the foreign ID. {@link #delete} with that ID is the claim of a migration: it returns
 * true to exactly one caller. {@link #save} and {@link #rotate} refuse, since nothing may write there.
 * The migrating store moves every session it adopts under a new ID of its own, so the unsigned foreign
 * cookie stops working as soon as its session has moved.
 */
public interface ForeignSessionStore extends SessionStore {

    /**
     * @return how many live sessions are left to move: the metric of a migration window
     * @throws SessionStoreUnavailableException when the backing service cannot be reached
     */
    long count();
}
