package dev.sessionkit.store.jdbc;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Wraps a DataSource and records every statement the store sends and every commit: what the tests of
 * statements per request count. A batch is one entry ({@code "BATCH INSERT x3"}), as it is one round trip.
 */
final class CountingDataSource implements DataSource {

    private final DataSource delegate;
    private final List<String> log = new CopyOnWriteArrayList<>();

    CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** @return the statements since the last reset: their first word, or "BATCH verb xN", and "COMMIT" */
    List<String> statements() {
        return new ArrayList<>(log);
    }

    void reset() {
        log.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    switch (method.getName()) {
                        case "prepareStatement" -> {
                            return statement((PreparedStatement) result, (String) args[0]);
                        }
                        case "createStatement" -> {
                            return statement((Statement) result, null);
                        }
                        case "commit" -> log.add("COMMIT");
                        default -> {
                        }
                    }
                    return result;
                });
    }

    private Object statement(Statement statement, String sql) {
        Class<?> type = statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        int[] batched = {0};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch")) {
                batched[0]++;
            }
            Object result = invoke(statement, method, args);
            if (name.equals("executeBatch")) {
                log.add("BATCH " + verb(sql) + " x" + batched[0]);
                batched[0] = 0;
            } else if (name.startsWith("execute")) {
                log.add(verb(sql != null ? sql : (String) args[0]));
            }
            return result;
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static String verb(String sql) {
        String trimmed = sql.trim();
        int space = trimmed.indexOf(' ');
        String word = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
        return word.equals("MERGE") ? "INSERT" : word; // H2's upsert
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
