package dev.sessionkit.store;

import dev.sessionkit.SessionException;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A migration window between two stores: sessions are read from the old store until each one is next used,
 * then live in the new store, so switching stores logs nobody out. Rolling back is the same window the
 * other way round.
 *
 * <h2>What goes where</h2>
 * <ul>
 *   <li>A load that misses in the new store looks in the old one and moves the session (the claim below).</li>
 *   <li>Writes go only to the new store: saves, touches, rotations. The old store is only read and
 *       deleted from, so it must be written by nobody else during the window (switch every instance).</li>
 *   <li>Deleting (invalidate, logout, "log out everywhere" through {@link #admin()}) removes the session
 *       from both stores.</li>
 *   <li>{@link #admin()} counts and lists both; {@link #migrated()} and {@link #leftInOldStore()} are the
 *       metrics of the window.</li>
 *   <li>When either store cannot be reached, calls throw {@link SessionStoreUnavailableException} (503):
 *       a miss in the new store is never taken for "no session" while the old store cannot answer.</li>
 * </ul>
 *
 * <h2>The claim, for an old store that keeps sessionkit IDs (memory, Redis, JDBC)</h2>
 * <ol>
 *   <li>Read the session from the old store, recording no access there.</li>
 *   <li>Insert it into the new store as a new session. A new session never overwrites a stored one, so
 *       exactly one caller's insert succeeds: that caller owns the move. A loser reads the new store, where
 *       the winner's copy already is, and uses it.</li>
 *   <li>The winner deletes the session from the old store. Should that delete find nothing, the session was
 *       deleted (a logout) after step 1: the winner deletes its copy again and reports no session.</li>
 * </ol>
 * Why this is safe:
 * <ul>
 *   <li>Moved once: only a successful insert counts, and there is one per session (step 2).</li>
 *   <li>No lost update: nobody writes to the old store during the window, so what the winner read in step 1
 *       is all there is. Every later write goes to the new store, after the insert, and the new store
 *       refuses writes to a session it does not hold (no resurrection), so a write can neither land in the
 *       old store nor create a partial session.</li>
 *   <li>No resurrection: a logout deletes from both stores. An instance that read the session before the
 *       logout and inserts it after finds nothing to delete in step 3 and removes its insert; the copy was
 *       visible only between its steps 2 and 3.</li>
 *   <li>No gap: from the first read of the old store until the move, the session is always in one of the
 *       stores, and the new store is read again after a miss in the old one.</li>
 *   <li>An instance that dies between steps 2 and 3 leaves a copy in the old store that no load reaches
 *       (the new store answers first); deletes and rotations in the window remove it too.</li>
 * </ul>
 *
 * <h2>Old stores whose sessions the cookie names otherwise</h2>
 * A {@link ClientSideStore} old store (cookie to Redis or JDBC) keeps the session in the cookie, which the
 * filter passes to {@link #adopt}. The sealed session is opened once and inserted under its own ID
 * (insert-if-absent: concurrent requests carrying the same cookie all end with the one stored copy), and the
 * browser gets that ID signed. A copy of the old sealed cookie opens until its sealed deadlines, as it did
 * before the window (the cookie store's documented limit); close the window, or remove the key, to end that.
 * A {@link ForeignSessionStore} (Spring Session) is claimed by its delete, which returns true to one caller
 * only, and the session moves under a new ID, so the unsigned foreign cookie names nothing once it has
 * moved. A second request racing the first with the same foreign cookie finds no session; should the new
 * store fail between the delete and the insert, the session is lost (logged at WARNING).
 *
 * <h2>Rolling back into the cookie store</h2>
 * With a {@link ClientSideStore} as the new store (server-side store to cookie store), the window is itself a
 * client-side store: the filter seals sessions into the cookie as it does for the cookie store alone. A
 * request whose cookie is still a signed ID of the old store has it verified by the filter, which passes
 * the ID as the old store keeps it to {@link #adopt}: the session is claimed by its delete from the old
 * store (true to one caller only), so it moves once and a logout on another instance is never undone, and
 * the filter seals it into the cookie in place of the signed ID. A second request racing the first with
 * the same signed cookie finds no session and leaves the cookie alone. Admin counts and listings are the old
 * store's: sessions in cookies cannot be listed or revoked (the cookie store's documented limit).
 *
 * <p>Thread-safe when both stores are.
 */
public sealed class MigratingSessionStore extends ForwardingSessionStore permits CookieRollbackStore {

    private static final System.Logger LOG = System.getLogger(MigratingSessionStore.class.getName());
    /** The old store is only read: no access is ever recorded there. */
    static final long NEVER_TOUCH = Long.MAX_VALUE;

    private final SessionStore oldStore;
    private final boolean sameIds;
    private final LongAdder migrated = new LongAdder();

    MigratingSessionStore(SessionStore newStore, SessionStore oldStore) {
        super(newStore);
        this.oldStore = oldStore;
        this.sameIds = !(oldStore instanceof ClientSideStore || oldStore instanceof ForeignSessionStore);
    }

    /**
     * Opens a migration window.
     *
     * @param newStore where sessions live from now on
     * @param oldStore where they lived until now; a server-side store when the new one is the cookie store
     * @return the store to configure the filter with; a {@link ClientSideStore} when the new store is one
     * @throws SessionException when either is null, the new store is a read-only import store, or the new store
     *         keeps sessions in the cookie and the old one does not keep them server-side
     */
    public static MigratingSessionStore between(SessionStore newStore, SessionStore oldStore) {
        if (newStore == null || oldStore == null) {
            throw new SessionException("A migration needs both stores: the new store (store) and the old one (migrate.from)");
        }
        if (newStore instanceof ForeignSessionStore) {
            throw new SessionException("The new store of a migration cannot be a read-only import store; use it as migrate.from");
        }
        if (newStore instanceof ClientSideStore) {
            if (oldStore instanceof ClientSideStore || oldStore instanceof ForeignSessionStore) {
                throw new SessionException("A migration into the cookie store (a rollback) needs a server-side old store"
                        + " (memory, redis, jdbc) as migrate.from");
            }
            return new CookieRollbackStore(newStore, oldStore);
        }
        return new MigratingSessionStore(newStore, oldStore);
    }

    /** @return how many sessions this instance moved into the new store since start */
    public long migrated() {
        return migrated.sum();
    }

    /** @return the store sessions are moved from */
    final SessionStore oldStore() {
        return oldStore;
    }

    /** Counts one session moved by this instance. */
    final void countMigrated() {
        migrated.increment();
    }

    /**
     * @return how many sessions are left in the old store, or empty when it cannot count them (a cookie store)
     * @throws SessionStoreUnavailableException when the old store cannot be reached
     */
    public OptionalLong leftInOldStore() {
        if (oldStore instanceof ForeignSessionStore foreign) {
            return OptionalLong.of(foreign.count());
        }
        return oldStore.admin().map(admin -> OptionalLong.of(admin.count())).orElse(OptionalLong.empty());
    }

    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        LoadResult inNew = super.load(token, now, touchAfterMillis);
        if (inNew.status() != LoadResult.Status.ABSENT || !sameIds) {
            return inNew;
        }
        LoadResult inOld = oldStore.load(token, now, NEVER_TOUCH);
        if (inOld.status() != LoadResult.Status.FOUND) {
            // Another instance may have moved it between the two reads.
            return inOld.status() == LoadResult.Status.ABSENT ? super.load(token, now, touchAfterMillis) : inOld;
        }
        SessionData session = inOld.session();
        if (super.save(session, everything(session)) == null) {
            // Another instance inserted it first: its copy is the session now (or a logout removed it).
            return super.load(token, now, touchAfterMillis);
        }
        if (!oldStore.delete(session.id(), now)) {
            // Deleted from the old store since we read it: a logout that our insert must not undo.
            super.delete(session.id(), now);
            return LoadResult.ABSENT;
        }
        migrated.increment();
        return LoadResult.found(session);
    }

    @Override
    public LoadResult adopt(String cookieValue, long now, long touchAfterMillis) {
        if (sameIds) {
            return super.adopt(cookieValue, now, touchAfterMillis);
        }
        LoadResult inOld;
        try {
            inOld = oldStore.load(cookieValue, now, NEVER_TOUCH);
        } catch (SessionStoreUnavailableException e) {
            throw e;
        } catch (SessionException unmovable) {
            // An import store configured to fail a session it cannot read fully (spring.unmappable=fail).
            LOG.log(Level.WARNING, "A session of the old store (migrate.from) is not moved; its user starts afresh: "
                    + unmovable.getMessage());
            return LoadResult.ABSENT;
        }
        if (!inOld.isFound()) {
            return LoadResult.ABSENT;
        }
        SessionData session = inOld.session();
        if (oldStore instanceof ClientSideStore && SessionIds.isWellFormed(session.id())) {
            LoadResult moved = super.load(session.id(), now, touchAfterMillis);
            if (moved.status() != LoadResult.Status.ABSENT) {
                return moved.isFound() ? moved : LoadResult.ABSENT;
            }
            if (super.save(session, everything(session)) == null) {
                // Another request carrying the same cookie inserted it first.
                return super.load(session.id(), now, touchAfterMillis);
            }
            migrated.increment();
            return LoadResult.found(session);
        }
        if (!oldStore.delete(session.id(), now)) {
            return LoadResult.ABSENT; // another request claimed it first
        }
        SessionData moved = session.withId(SessionIds.newId());
        try {
            if (super.save(moved, everything(moved)) == null) {
                throw new IllegalStateException("a new session ID is already in use");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A session claimed from the foreign store (migrate.from) could not be stored in the new"
                    + " store and is lost; its user must sign in again", e);
            throw e;
        }
        migrated.increment();
        return LoadResult.found(moved);
    }

    private static SessionChanges everything(SessionData session) {
        return new SessionChanges(true, session.attributes().keySet(), Set.of(), true);
    }

    @Override
    public boolean delete(String id, long now) {
        boolean deleted = super.delete(id, now);
        if (sameIds) {
            deleted |= oldStore.delete(id, now);
        }
        return deleted;
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        boolean rotated = super.rotate(oldId, newId, now);
        if (rotated && sameIds) {
            // Normally gone already; a copy left by an instance that died mid-move must not outlive the ID.
            oldStore.delete(oldId, now);
        }
        return rotated;
    }

    @Override
    public Optional<SessionAdmin> admin() {
        Optional<SessionAdmin> newAdmin = super.admin();
        if (newAdmin.isEmpty()) {
            return newAdmin;
        }
        return Optional.of(oldStore.admin().filter(old -> sameIds)
                .<SessionAdmin>map(old -> new MigratingAdmin(newAdmin.get(), old)).orElse(newAdmin.get()));
    }

    @Override
    public StoreHealth health() {
        StoreHealth fresh = super.health();
        StoreHealth old = oldStore.health();
        List<String> warnings = new ArrayList<>(fresh.warnings());
        old.warnings().forEach(warning -> warnings.add("old store (migrate.from): " + warning));
        Map<String, String> details = new LinkedHashMap<>(fresh.details());
        old.details().forEach((key, value) -> details.put("migrate.from." + key, value));
        details.put("migrate.migrated", Long.toString(migrated()));
        return new StoreHealth(fresh.reachable() && old.reachable(), fresh.latency().plus(old.latency()), warnings, details);
    }

    @Override
    public void start(StoreContext context) {
        super.start(context);
        try {
            oldStore.start(context);
        } catch (RuntimeException e) {
            try {
                super.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            oldStore.close();
        } finally {
            super.close();
        }
    }

    @Override
    public String toString() {
        return "migration from " + Objects.toString(oldStore) + " to " + delegate();
    }
}
