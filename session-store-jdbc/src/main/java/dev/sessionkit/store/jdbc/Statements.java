package dev.sessionkit.store.jdbc;

/**
 * The store's SQL for one table prefix and dialect. Every statement that reads sessions returns the
 * columns {@link Rows} expects: pk, id, creation_time, last_access_time, max_inactive, principal, name, attribute_bytes.
 */
final class Statements {

    /**
     * The expiry guard of single-row writes, written so that no optimizer reaches the row through the
     * expiry index: InnoDB would then lock expiry index entries before the row, in the opposite order to
     * writers that come through the ID, and deadlock with them (seen on MariaDB 10.11).
     */
    private static final String NOT_INDEXED_EXPIRY = "(expiry_time + 0)";

    final String sessions;
    final String attributes;

    /** Metadata and attributes together: one statement per read. */
    final String select;
    final String touch;
    final String deleteExpiredOnLoad;
    final String insertSession;
    final String updateSession;
    final String upsertAttribute;
    final String deleteAttribute;
    final String delete;
    final String rotate;
    final String rotatedAt;
    final String count;
    final String page;
    final String ofPrincipal;
    final String deleteOfPrincipal;
    final String idsOfPrincipal;
    final String deleteByPk;
    final String countAll;
    final String evictionCandidates;
    final String evictionCandidatesSignedIn;
    final String expiredCandidates;
    final String deleteExpired;
    final String locks;
    final String insertLock;
    final String takeOverLock;
    final String releaseLock;
    final String deleteLapsedLocks;

    Statements(String prefix, Dialect dialect) {
        sessions = prefix + "sessions";
        attributes = prefix + "session_attributes";
        String columns = "s.pk, s.id, s.creation_time, s.last_access_time, s.max_inactive, s.principal, a.name, ";
        String join = " LEFT JOIN " + attributes + " a ON a.session_pk = s.pk";
        select = "SELECT " + columns + "a.attribute_bytes FROM " + sessions + " s" + join + " WHERE s.id = ?";
        // Guarded so that a touch never moves the access time back, nor writes to a session rotated meanwhile.
        touch = "UPDATE " + sessions + " SET expiry_time = ?, last_access_time = ? WHERE pk = ? AND last_access_time < ?";
        // Only while nobody touched it since it was read: a session revived meanwhile is not deleted.
        deleteExpiredOnLoad = "DELETE FROM " + sessions + " WHERE pk = ? AND last_access_time = ?";
        insertSession = "INSERT INTO " + sessions
                + " (id, creation_time, last_access_time, max_inactive, expiry_time, principal) VALUES (?, ?, ?, ?, ?, ?)";
        // expiry_time is assigned first: MySQL evaluates SET left to right on the new values, the others on
        // the old ones, so every dialect computes it from the stored access time and timeout.
        // The WHERE clause is the no-resurrection guard, and the row lock it takes orders every writer of
        // this session before any attribute row is touched: no deadlock between writers of one session.
        updateSession = "UPDATE " + sessions + " SET"
                + " expiry_time = CASE WHEN COALESCE(?, max_inactive) > 0"
                + " THEN LEAST(GREATEST(last_access_time, ?) + COALESCE(?, max_inactive) * 1000, ?) ELSE ? END,"
                + " last_access_time = GREATEST(last_access_time, ?),"
                + " max_inactive = COALESCE(?, max_inactive),"
                + " principal = CASE WHEN ? = 1 THEN ? ELSE principal END"
                + dialect.rememberKey()
                + " WHERE id = ? AND " + NOT_INDEXED_EXPIRY + " >= ?";
        upsertAttribute = dialect.upsertAttribute(sessions, attributes);
        deleteAttribute = "DELETE FROM " + attributes + " WHERE name = ? AND session_pk = " + dialect.sessionKey(sessions);
        delete = "DELETE FROM " + sessions + " WHERE id = ?";
        // previous_id is assigned first: MySQL evaluates SET left to right, so it must read the old id.
        rotate = "UPDATE " + sessions + " SET previous_id = id, rotated_at = ?, id = ? WHERE id = ? AND "
                + NOT_INDEXED_EXPIRY + " >= ?";
        rotatedAt = "SELECT rotated_at FROM " + sessions + " WHERE previous_id = ?";
        count = "SELECT COUNT(*) FROM " + sessions + " WHERE expiry_time >= ?";
        // Attribute values are read only for the login details: listing never moves every value over the wire.
        String details = "CASE WHEN a.name = ? THEN a.attribute_bytes END";
        page = "SELECT " + columns + details + " FROM (SELECT * FROM " + sessions
                + " WHERE pk > ? AND expiry_time >= ? ORDER BY pk LIMIT ?) s" + join + " ORDER BY s.pk";
        ofPrincipal = "SELECT " + columns + details + " FROM " + sessions + " s" + join
                + " WHERE s.principal = ? AND s.expiry_time >= ? ORDER BY s.last_access_time DESC, s.pk";
        deleteOfPrincipal = "DELETE FROM " + sessions + " WHERE principal = ?";
        idsOfPrincipal = "SELECT pk, id FROM " + sessions
                + " WHERE principal = ? AND expiry_time >= ? ORDER BY last_access_time DESC, pk DESC";
        deleteByPk = "DELETE FROM " + sessions + " WHERE pk = ? AND id = ?";
        countAll = "SELECT COUNT(*) FROM " + sessions;
        // Through the expiry index (soonest to expire = least recently used for one idle timeout), anonymous
        // sessions first: no sort of the whole table, however large.
        evictionCandidates = "SELECT pk, id FROM " + sessions
                + " WHERE principal IS NULL AND id <> ? ORDER BY expiry_time LIMIT ?";
        evictionCandidatesSignedIn = "SELECT pk, id FROM " + sessions
                + " WHERE principal IS NOT NULL AND id <> ? ORDER BY expiry_time LIMIT ?";
        expiredCandidates = "SELECT pk, id FROM " + sessions + " WHERE expiry_time < ? ORDER BY expiry_time LIMIT ?";
        deleteExpired = "DELETE FROM " + sessions + " WHERE pk = ? AND id = ? AND " + NOT_INDEXED_EXPIRY + " < ?";
        locks = prefix + "session_locks";
        // Parameters of the lock statements: lineage, holder, lock_until (then now, to take over a lapsed lock).
        insertLock = dialect.insertLock(locks);
        takeOverLock = "UPDATE " + locks + " SET holder = ?, lock_until = ? WHERE lineage = ? AND lock_until < ?";
        releaseLock = "DELETE FROM " + locks + " WHERE lineage = ? AND holder = ?";
        deleteLapsedLocks = "DELETE FROM " + locks + " WHERE lock_until < ?";
    }
}
