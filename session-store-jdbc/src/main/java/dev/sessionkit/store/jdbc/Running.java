package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;
import dev.sessionkit.store.StoreContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A started store's connection to its database: the DataSource, dialect, statements and cleanup thread. */
final class Running {

    private static final System.Logger LOG = System.getLogger(JdbcSessionStore.class.getName());

    final Database database;
    final Dialect dialect;
    final Statements sql;
    final Cleanup cleanup;
    final long absoluteMillis;
    volatile StoreContext context;
    private final AutoCloseable ownedPool;
    private final ScheduledExecutorService scheduler;
    private final Thread[] cleanupThread = new Thread[1];
    private final String ddl;
    /** Whether lock=true uses the lock table, which the cleanup then sweeps of lapsed locks. */
    private volatile boolean locks;

    private Running(Database database, Dialect dialect, Statements sql, StoreContext context, AutoCloseable ownedPool,
                    long cleanupMillis, String ddl, boolean locks) {
        this.ddl = ddl;
        this.locks = locks;
        this.database = database;
        this.dialect = dialect;
        this.sql = sql;
        this.context = context;
        this.absoluteMillis = context.absoluteTimeout().toMillis();
        this.ownedPool = ownedPool;
        this.cleanup = new Cleanup(database, dialect, sql);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sessionkit-jdbc-cleanup");
            thread.setDaemon(true);
            cleanupThread[0] = thread;
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            cleanup.runLogged(now, id -> this.context.expiryListener().accept(id));
            if (this.locks) {
                cleanup.dropLapsedLocks(now);
            }
        }, cleanupMillis, cleanupMillis, TimeUnit.MILLISECONDS);
    }

    static Running start(JdbcSessionStore.Builder config, StoreContext context, boolean locks) {
        String source;
        DataSource dataSource;
        if (config.dataSource != null) {
            source = "the application's DataSource";
            dataSource = config.dataSource;
        } else if (config.jndiName != null) {
            source = "jdbc.datasource " + config.jndiName;
            dataSource = DataSources.jndi(config.jndiName);
        } else {
            source = "jdbc.url " + withoutCredentials(config.url);
            dataSource = DataSources.pool(config.url, config.user, config.password, config.poolSize, config.timeout);
        }
        AutoCloseable owned = config.url != null ? (AutoCloseable) dataSource : null;
        try {
            int timeoutSeconds = (int) Math.max(1, (config.timeout.toMillis() + 999) / 1000);
            Dialect dialect;
            String product;
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData metaData = connection.getMetaData();
                dialect = Dialect.detect(metaData);
                product = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
                Statements sql = new Statements(config.tablePrefix, dialect);
                Schema.ensure(connection, dialect, sql, config.tablePrefix, config.createSchema);
                if (locks) {
                    Schema.checkLocks(connection, sql.locks, Schema.ddl(dialect, config.tablePrefix));
                }
            } catch (SQLException e) {
                throw new SessionException("The JDBC session store cannot connect to the database (" + source + "): "
                        + e.getMessage() + ". Check the URL, user, password (jdbc.password.env) and that the"
                        + " database is up and reachable.", e);
            }
            Statements sql = new Statements(config.tablePrefix, dialect);
            Database database = new Database(dataSource, timeoutSeconds, product + " via " + source);
            LOG.log(System.Logger.Level.INFO, "JDBC session store on " + product + ", tables " + sql.sessions + " and "
                    + sql.attributes);
            return new Running(database, dialect, sql, context, owned, config.cleanupInterval.toMillis(),
                    Schema.ddl(dialect, config.tablePrefix), locks);
        } catch (RuntimeException e) {
            closeQuietly(owned);
            throw e;
        }
    }

    /** Checks that the lock table is there, once lock=true asks for locks after start, and sweeps it from then on. */
    void useLocks() {
        database.autoCommit("checking the session lock table", connection -> {
            Schema.checkLocks(connection, sql.locks, ddl);
            return null;
        });
        locks = true;
    }

    void stop() {
        scheduler.shutdownNow();
        try {
            // Containers warn about threads a web application leaves running at undeploy.
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
            Thread thread = cleanupThread[0];
            if (thread != null) {
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(ownedPool);
    }

    /** The expiry time of a session: its idle timeout from the last access, capped by the absolute timeout. */
    long expiryOf(long creationTime, long lastAccessedTime, int maxInactiveSeconds) {
        return Math.min(maxInactiveSeconds > 0 ? lastAccessedTime + maxInactiveSeconds * 1000L : Long.MAX_VALUE, cap(creationTime));
    }

    /** The latest a session created then may expire. */
    long cap(long creationTime) {
        return absoluteMillis > 0 ? creationTime + absoluteMillis : Long.MAX_VALUE;
    }

    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)).replaceAll("//[^/@]*@", "//");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Closing the session store's connection pool failed", e);
        }
    }
}
