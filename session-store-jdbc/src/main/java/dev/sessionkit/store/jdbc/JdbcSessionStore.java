package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.LoadResult;
import dev.sessionkit.store.SessionAdmin;
import dev.sessionkit.store.SessionChanges;
import dev.sessionkit.store.SessionData;
import dev.sessionkit.store.SessionIds;
import dev.sessionkit.store.SessionInfo;
import dev.sessionkit.store.SessionLocks;
import dev.sessionkit.store.SessionPage;
import dev.sessionkit.store.SessionStore;
import dev.sessionkit.store.SessionStoreUnavailableException;
import dev.sessionkit.store.StoreContext;
import dev.sessionkit.store.StoreHealth;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions in a relational database over plain JDBC: PostgreSQL, MySQL 8, MariaDB, or H2 embedded in
 * file mode. The dialect is detected from the connection's metadata.
 *
 * <h2>Schema</h2>
 * Two tables per {@linkplain Builder#tablePrefix prefix}: {@code <prefix>sessions}, one row per session
 * with a surrogate key, the unique session ID, times, the idle timeout, the expiry time (indexed, for
 * cleanup) and the principal (indexed, for the per-user index); and {@code <prefix>session_attributes},
 * one row per attribute holding the codec's JSON bytes, keyed by (session key, name), deleted with its
 * session by a cascading foreign key. The DDL ships in the jar as
 * {@code dev/sessionkit/store/jdbc/schema-<postgresql|mysql|h2>.sql}; see {@link #ddl}.
 *
 * <h2>Statements per request</h2>
 * A read is one SELECT joining metadata and attributes; recording the access adds one guarded UPDATE, at
 * most once per touch interval. A save of an existing session is one transaction: one guarded UPDATE of
 * the session row, one batch of upserts for the attributes set, one batch of deletes for those removed.
 * A new session is one transaction: an INSERT and a batch of upserts. A rotation is one UPDATE of the ID
 * column; a delete one DELETE.
 *
 * <h2>Guarantees</h2>
 * All of {@link SessionStore}'s. A save writes only the attributes the request changed, after locking the
 * session row with an UPDATE guarded by the ID and the expiry time, so it writes nothing (and returns null)
 * when the session was deleted, rotated away or expired, and every writer of one session takes its locks
 * in the same order. Attributes are upserted, never plainly inserted, so two requests adding the same
 * attribute never meet a duplicate key. A transaction the database aborts as a deadlock victim or a
 * serialization failure is rerun, at most three times ({@link #retriedTransactions()} counts them).
 *
 * <h2>Cleanup</h2>
 * From {@link #start} until {@link #close}, a daemon thread deletes expired sessions every
 * {@linkplain Builder#cleanupInterval cleanup interval}, 500 per query and 10,000 per run at most, one
 * short single-row DELETE each, and passes each deleted ID to {@link StoreContext#expiryListener()}. Only
 * one node runs it at a time: PostgreSQL {@code pg_try_advisory_lock}, MySQL/MariaDB
 * {@code GET_LOCK(name, 0)}; a node that finds the lock taken skips the run.
 *
 * <h2>Errors</h2>
 * Every statement runs with the {@linkplain Builder#timeout timeout} as its query timeout. A database that
 * cannot be reached, times out, has no free connection in time or fails a statement makes the method throw
 * {@link SessionStoreUnavailableException} (a 503 from the filter); nothing was half written. The store
 * needs no restart when the database is back. Rows that cannot be a session are treated as absent.
 *
 * <p>Thread-safe. Build with {@link #builder()}; connections are opened in {@link #start}, not before.
 */
public final class JdbcSessionStore implements SessionStore, SessionAdmin {

    /** Default of {@link Builder#maxSessions}: a bound on what anonymous sessions can fill. */
    public static final long DEFAULT_MAX_SESSIONS = 1_000_000;

    private final Builder config;
    private final Sessions sessions;
    private final Listing listing;
    private final JdbcLocks locks;
    private volatile Running running;
    private volatile boolean locksWanted;

    private JdbcSessionStore(Builder builder) {
        this.config = builder;
        this.sessions = new Sessions(this::running, builder.maxSessions, builder.maxSessionsPerUser);
        this.listing = new Listing(this::running);
        this.locks = new JdbcLocks(this::running);
    }

    /**
     * @return a builder; give it exactly one of {@code dataSource}, {@code jndi} or {@code url}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The DDL this store needs, for a migration tool or a database administrator.
     *
     * @param product     {@code postgresql}, {@code mysql} (also for MariaDB) or {@code h2}
     * @param tablePrefix the table prefix, as given to {@link Builder#tablePrefix}
     * @return the CREATE statements, separated by semicolons
     */
    public static String ddl(String product, String tablePrefix) {
        Dialect dialect = switch (product.toLowerCase(java.util.Locale.ROOT)) {
            case "postgresql" -> Dialect.POSTGRESQL;
            case "mysql", "mariadb" -> Dialect.MYSQL;
            case "h2" -> Dialect.H2;
            default -> throw new IllegalArgumentException("product must be postgresql, mysql, mariadb or h2, was " + product);
        };
        return Schema.ddl(dialect, Builder.checkPrefix(tablePrefix));
    }

    /**
     * Connects, detects the dialect, checks (or with {@code createSchema} creates) the tables, and starts
     * the cleanup thread.
     *
     * @throws SessionException when the database cannot be reached or the tables are missing; the message
     *                          says what to set or shows the DDL to run
     */
    @Override
    public synchronized void start(StoreContext context) {
        Objects.requireNonNull(context, "context");
        if (running != null) {
            running.context = context;
            return;
        }
        running = Running.start(config, context, locksWanted);
    }

    /**
     * @return absent for an ID that is not well formed, unknown or unreadable; expired (and deleted) when
     *         idle-expired at {@code now}
     */
    @Override
    public LoadResult load(String token, long now, long touchAfterMillis) {
        if (!SessionIds.isWellFormed(token)) {
            return LoadResult.ABSENT;
        }
        return sessions.load(token, now, touchAfterMillis);
    }

    /**
     * @throws IllegalArgumentException when the ID is not well formed, a name or principal is longer than
     *                                  255 characters, or {@code changes.set()} names an attribute the
     *                                  session does not hold
     */
    @Override
    public String save(SessionData session, SessionChanges changes) {
        if (!SessionIds.isWellFormed(session.id())) {
            throw new IllegalArgumentException("Not a session ID made by SessionIds");
        }
        return sessions.save(session, changes) ? session.id() : null;
    }

    @Override
    public boolean delete(String id, long now) {
        return delete(id);
    }

    @Override
    public boolean delete(String id) {
        return SessionIds.isWellFormed(id) && sessions.delete(id);
    }

    @Override
    public boolean rotate(String oldId, String newId, long now) {
        SessionIds.checkRotation(oldId, newId);
        return sessions.rotate(oldId, newId, now);
    }

    @Override
    public Optional<SessionAdmin> admin() {
        return Optional.of(this);
    }

    /**
     * Rows of {@code <prefix>session_locks}, a table only {@code lock=true} needs: asking for the locks
     * checks, at start or now, that it is there (see {@link JdbcLocks}).
     *
     * @throws SessionException when the lock table is missing; the message shows the DDL
     */
    @Override
    public synchronized Optional<SessionLocks> locks() {
        if (!locksWanted) {
            if (running != null) {
                running.useLocks();
            }
            locksWanted = true;
        }
        return Optional.of(locks);
    }

    /** Counts sessions not yet expired, with one COUNT on the expiry index. */
    @Override
    public long count() {
        return listing.count(System.currentTimeMillis());
    }

    /** The database's row estimate (PostgreSQL {@code pg_class.reltuples}, MySQL/MariaDB {@code TABLE_ROWS}). */
    @Override
    public long approximateCount() {
        return listing.approximateCount(System.currentTimeMillis());
    }

    /**
     * Lists sessions in the order of their surrogate key, at most 1,000 a page; the cursor is the last key
     * listed, so it reveals no session ID.
     *
     * @throws IllegalArgumentException when the cursor is not one this store returned
     */
    @Override
    public SessionPage list(String cursor, int limit) {
        return listing.page(cursor, limit, System.currentTimeMillis());
    }

    /** Reads the session without recording an access. */
    @Override
    public Optional<SessionInfo> find(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return Optional.empty();
        }
        Rows.Stored stored = sessions.select(id);
        return stored == null || stored.session().isIdleExpired(System.currentTimeMillis())
                ? Optional.empty() : Optional.of(SessionInfo.of(stored.session()));
    }

    /** One query on the principal index. */
    @Override
    public List<SessionInfo> sessionsOf(String principal) {
        return listing.ofPrincipal(principal, System.currentTimeMillis());
    }

    /** One DELETE on the principal index; the attributes go with their sessions. */
    @Override
    public int deleteAllOf(String principal) {
        return listing.deleteAllOf(principal);
    }

    /**
     * Borrows a pooled connection and asks the driver whether it is valid ({@code Connection.isValid}, a
     * round trip bounded by the store's timeout); the latency covers both. Details: the database
     * {@code product} and {@code version}. Unreachable before {@link #start} and after {@link #close}.
     */
    @Override
    public StoreHealth health() {
        Running db = running;
        if (db == null) {
            return StoreHealth.down(Duration.ZERO, "The JDBC session store is not started");
        }
        return db.database.health();
    }

    /**
     * @return transactions rerun after the database aborted them as a deadlock victim or a serialization
     *         failure, since {@link #start}
     */
    public long retriedTransactions() {
        Running db = running;
        return db == null ? 0 : db.database.retries();
    }

    /** Stops the cleanup thread and closes the pool if the store built it ({@code url}). */
    @Override
    public synchronized void close() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /** Runs one cleanup now, as the schedule does; for tests. */
    int cleanUp(long now) {
        Running db = running();
        return db.cleanup.run(now, id -> db.context.expiryListener().accept(id));
    }

    String tablePrefix() {
        return config.tablePrefix;
    }

    private Running running() {
        Running db = running;
        if (db == null) {
            throw new IllegalStateException("The JDBC session store is not started: call start(StoreContext) first"
                    + " (the filter does)");
        }
        return db;
    }

    /** Configures a {@link JdbcSessionStore}. Not thread-safe; build once. */
    public static final class Builder {
        DataSource dataSource;
        String jndiName;
        String url;
        String user;
        String password;
        String tablePrefix = "sessionkit_";
        Duration timeout = Duration.ofSeconds(2);
        int poolSize = 10;
        Duration cleanupInterval = Duration.ofMinutes(1);
        long maxSessions = DEFAULT_MAX_SESSIONS;
        int maxSessionsPerUser;
        boolean createSchema;

        private Builder() {
        }

        /**
         * @param dataSource the application's own DataSource, pooled; the store never closes it
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * @param name where the container binds the DataSource, such as {@code java:comp/env/jdbc/sessions};
         *             looked up in {@link #start}
         * @return this builder
         */
        public Builder jndi(String name) {
            this.jndiName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Lets the store build a HikariCP pool (HikariCP must be on the classpath), opened in {@link #start}
         * and closed in {@link #close}.
         *
         * @param url      a JDBC URL such as {@code jdbc:postgresql://db:5432/app}
         * @param user     the database user, or null when the URL carries it
         * @param password the password, or null
         * @return this builder
         */
        public Builder url(String url, String user, String password) {
            if (!Objects.requireNonNull(url, "url").startsWith("jdbc:")) {
                throw new SessionException("must be a JDBC URL starting with jdbc:, was '" + url + "'");
            }
            this.url = url;
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * @param prefix prepended to the table names, so that several applications or tenants share one
         *               database: lower-case letters, digits and underscores, at most 32, starting with a
         *               letter; default {@code sessionkit_}
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = checkPrefix(prefix);
            return this;
        }

        /**
         * @param timeout the most a statement may take (rounded up to whole seconds, JDBC's unit), and for a
         *                pool the store builds the most a request waits for a connection; default 2 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new SessionException("must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param size connections of the pool built for {@link #url}; default 10
         * @return this builder
         */
        public Builder poolSize(int size) {
            if (size <= 0) {
                throw new SessionException("must be positive, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * @param interval how often expired sessions are deleted; default one minute
         * @return this builder
         */
        public Builder cleanupInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
                throw new SessionException("must be positive, was " + interval);
            }
            this.cleanupInterval = interval;
            return this;
        }

        /**
         * Caps the sessions of this table prefix (one application or tenant): a new session beyond the cap
         * evicts the sessions soonest to expire, anonymous ones first. The table is counted at most once a
         * second per instance, and new sessions are added to that count in between, so the cap may be passed
         * briefly by the sessions other instances create within a second.
         *
         * @param max the most sessions; {@value JdbcSessionStore#DEFAULT_MAX_SESSIONS} by default; 0 for no cap
         * @return this builder
         */
        public Builder maxSessions(long max) {
            if (max < 0) {
                throw new SessionException("must be 0 (no limit) or more, was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * @param max the most sessions one principal keeps: when a session gets a principal beyond it, the
         *            principal's least recently used sessions are deleted; 0 (the default) for no limit
         * @return this builder
         */
        public Builder maxSessionsPerUser(int max) {
            if (max < 0) {
                throw new SessionException("must be 0 (no limit) or more, was " + max);
            }
            this.maxSessionsPerUser = max;
            return this;
        }

        /**
         * @param create create missing tables in {@link #start}: for development; production applies the DDL
         *               with its migration tool
         * @return this builder
         */
        public Builder createSchema(boolean create) {
            this.createSchema = create;
            return this;
        }

        /**
         * @return the store; it connects in {@link #start}
         * @throws IllegalStateException unless exactly one of dataSource, jndi and url was given
         */
        public JdbcSessionStore build() {
            int sources = (dataSource != null ? 1 : 0) + (jndiName != null ? 1 : 0) + (url != null ? 1 : 0);
            if (sources != 1) {
                throw new SessionException("Give the JDBC session store exactly one of dataSource, jndi or url; "
                        + (sources == 0 ? "none was given" : "several were given"));
            }
            return new JdbcSessionStore(this);
        }

        static String checkPrefix(String prefix) {
            if (prefix == null || !prefix.matches("[a-z][a-z0-9_]{0,31}")) {
                throw new SessionException("a table prefix is 1 to 32 lower-case letters, digits and"
                        + " underscores, starting with a letter; was '" + prefix + "'");
            }
            return prefix;
        }
    }
}
