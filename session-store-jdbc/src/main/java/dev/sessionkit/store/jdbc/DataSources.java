package dev.sessionkit.store.jdbc;

import dev.sessionkit.SessionException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.time.Duration;

/** Where the store's DataSource comes from when the application hands it none: JNDI, or a pool it builds. */
final class DataSources {

    private DataSources() {
    }

    static DataSource jndi(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new SessionException("jdbc.datasource: nothing is bound at '" + name + "' in JNDI (" + e.getMessage()
                    + "); declare the DataSource in the container (a Resource in Tomcat's context.xml, a"
                    + " resource-ref in web.xml) or use jdbc.url instead", e);
        }
        if (!(found instanceof DataSource dataSource)) {
            throw new SessionException("jdbc.datasource: '" + name + "' is bound to a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        }
        return dataSource;
    }

    static DataSource pool(String url, String user, String password, int poolSize, Duration timeout) {
        try {
            Class.forName("com.zaxxer.hikari.HikariDataSource", false, DataSources.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SessionException("jdbc.url needs HikariCP to pool connections: add com.zaxxer:HikariCP to the"
                    + " application, or give the store a DataSource (jdbc.datasource or the builder's dataSource)", e);
        }
        try {
            return HikariPool.create(url, user, password, poolSize, timeout);
        } catch (RuntimeException e) {
            // HikariCP's PoolInitializationException: the first connection could not be made.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SessionException("The JDBC session store cannot connect to the database (jdbc.url "
                    + Running.withoutCredentials(url) + "): " + cause.getMessage() + ". Check the URL, jdbc.user,"
                    + " the password (jdbc.password.env) and that the database is up and reachable.", e);
        }
    }
}
