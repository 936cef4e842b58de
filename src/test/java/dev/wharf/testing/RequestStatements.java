package dev.wharf.testing;

import dev.wharf.audit.CallRecord;
import dev.wharf.storage.meta.ConnectionObservers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every SQL statement that a server on one SQLite data directory executes while a request
 * is bound to the executing thread ({@link CallRecord#requestScope()}): what a request costs the
 * database, without the background work (pull-time flushes, leases) that runs beside it.
 *
 * <p>It wraps each connection the server's pools open to a database under that directory, as the
 * driver made it, so every statement the server prepares or runs on it passes through here;
 * {@link #close()} stops wrapping. Install it before the server starts.
 */
public final class RequestStatements implements AutoCloseable {
    private final Path directory;
    private final List<String> executed = new ArrayList<>();
    private AutoCloseable installed;

    private RequestStatements(Path dataDir) {
        this.directory = dataDir.toAbsolutePath();
    }

    /** Starts recording the statements of databases under {@code dataDir}. */
    public static RequestStatements install(Path dataDir) {
        RequestStatements recorder = new RequestStatements(dataDir);
        recorder.installed = ConnectionObservers.install(recorder::opened);
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
    public void close() throws Exception {
        installed.close();
    }

    private Connection opened(Path file, Connection c) {
        if (!file.toAbsolutePath().startsWith(directory)) return c;
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
}
