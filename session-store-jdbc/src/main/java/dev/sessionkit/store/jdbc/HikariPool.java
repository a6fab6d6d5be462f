package dev.sessionkit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.time.Duration;

/** The pool built for {@code jdbc.url}. Loaded only then: HikariCP is an optional dependency. */
final class HikariPool {

    private HikariPool() {
    }

    static DataSource create(String url, String user, String password, int poolSize, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sessionkit-jdbc");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        // A request waits for a connection at most the store's timeout, then gets a 503.
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        // The pool is built in the store's start(): the first connection is made there, with more patience
        // than a request gets (a cold database, a loaded machine), and its failure names the cause.
        config.setInitializationFailTimeout(Math.max(5_000, timeout.toMillis()));
        // READ COMMITTED: InnoDB then takes no gap locks on reads inside a save, the usual deadlock source.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        long socketSeconds = Math.max(1, timeout.toSeconds()) * 2 + 1;
        if (url.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            config.addDataSourceProperty("socketTimeout", Long.toString(socketSeconds));
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(250, timeout.toMillis())));
            config.addDataSourceProperty("socketTimeout", Long.toString(socketSeconds * 1000));
        }
        return new HikariDataSource(config);
    }
}
