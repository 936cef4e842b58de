package dev.wharf.testing;

import dev.wharf.audit.CallRecord;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Records every SQL statement that a server on one SQLite data directory executes while a request
 * is bound to the executing thread ({@link CallRecord#requestScope()}): what a request costs the
 * database, without the background work (pull-time flushes, leases) that runs beside it.
 *
 * <p>It is a JDBC driver put in front of SQLite's for URLs under that directory only, so the
 * server's own pool connects through it unchanged; {@link #close()} takes it out again. Install it
 * before the server starts.
 */
public final class RequestStatements implements Driver, AutoCloseable {
    private final Driver sqlite;
    private final String directory;
    private final List<String> executed = new ArrayList<>();

    private RequestStatements(Driver sqlite, Path dataDir) {
        this.sqlite = sqlite;
        this.directory = dataDir.toAbsolutePath().toString();
    }

    /** Puts the recorder in front of SQLite's driver for databases under {@code dataDir}. */
    public static RequestStatements install(Path dataDir) throws SQLException {
        Driver sqlite = DriverManager.getDriver("jdbc:sqlite::memory:");
        RequestStatements recorder = new RequestStatements(sqlite, dataDir);
        // DriverManager asks drivers in the order they were registered: ours goes first, SQLite's behind it
        DriverManager.deregisterDriver(sqlite);
        DriverManager.registerDriver(recorder);
        DriverManager.registerDriver(sqlite);
        return recorder;
    }

    /** The statements recorded since the last call, oldest first; the record starts again empty. */
    public synchronized List<String> take() {
        List<String> copy = List.copyOf(executed);
        executed.clear();
        return copy;
    }

    private synchronized void record(String sql) {
        if (CallRecord.requestScope() != null) executed.add(sql);
    }

    @Override
    public void close() throws SQLException {
        DriverManager.deregisterDriver(this);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return sqlite.acceptsURL(url) && url.contains(directory);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;
        Connection c = sqlite.connect(url, info);
        return proxy(Connection.class, c, (sql, result) -> switch (result) {
            case PreparedStatement p -> proxy(PreparedStatement.class, p, sql, null);
            case Statement s -> proxy(Statement.class, s, null, null);
            default -> result;
        });
    }

    private interface Wrap {
        Object apply(String sql, Object result);
    }

    private <T> T proxy(Class<T> type, T target, Wrap wrap) {
        return proxy(type, target, null, wrap);
    }

    /**
     * A proxy of a connection (which wraps the statements it makes) or of a statement (which records
     * each execution: {@code preparedSql} for a prepared one, the argument for a plain one).
     */
    private <T> T proxy(Class<T> type, T target, String preparedSql, Wrap wrap) {
        InvocationHandler h = (p, m, args) -> {
            String name = m.getName();
            if (type != Connection.class && name.startsWith("execute")) {
                record(preparedSql != null ? preparedSql : args != null && args.length > 0 ? String.valueOf(args[0]) : name);
            }
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (wrap != null && (name.equals("prepareStatement") || name.equals("createStatement"))) {
                return wrap.apply(name.equals("prepareStatement") ? (String) args[0] : null, result);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return sqlite.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return sqlite.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return sqlite.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return sqlite.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return sqlite.getParentLogger();
    }
}
