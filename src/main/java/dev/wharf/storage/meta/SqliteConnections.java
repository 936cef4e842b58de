package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of a pool over one SQLite file, opened by the driver's own data source.
 * <p>
 * Why not a {@code jdbc:sqlite:} URL: the pool would ask {@code DriverManager} for the driver, and
 * its first use loads and initializes every JDBC driver on the class path (PostgreSQL's, and
 * {@code java.util.logging} with it), work a server on SQLite never needs. It was 3-5 ms of a warm
 * start's CPU, less than a start's spread (docs/performance.md, "Warm start: the stores' wrappers
 * without proxies").
 */
final class SqliteConnections implements DataSource {
    /**
     * Sees every connection opened here before the pool does, and answers the one the pool keeps;
     * the identity unless a test records statements through it
     * ({@code dev.wharf.storage.meta.ConnectionObservers} in the tests).
     */
    interface Observer {
        Connection opened(Path file, Connection connection) throws SQLException;
    }

    private static volatile Observer observer = (file, connection) -> connection;

    private final Path file;
    private final SQLiteDataSource sqlite;

    private SqliteConnections(Path file, SQLiteConfig config) {
        this.file = file.toAbsolutePath();
        this.sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + this.file);
    }

    /**
     * A pool named {@code name} of at most {@code size} connections to {@code file}, with {@code config}'s
     * settings: it opens with its first connection, asked for by the first use (the metadata pool's by the
     * migrations' check at start, the audit pool's by its first batch), keeps one, and opens more as
     * requests need them.
     */
    static HikariDataSource pool(Path file, SQLiteConfig config, String name, int size) {
        // Configured on the pool itself, not through a HikariConfig: the pool's constructor that takes one copies
        // it field by field through reflection, whose first use at start generates method-handle classes.
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new SqliteConnections(file, config));
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        pool.setPoolName(name);
        return pool;
    }

    /** Puts {@code next} in front of pools' new connections; answers the observer it replaced. */
    static Observer observe(Observer next) {
        Observer previous = observer;
        observer = next;
        return previous;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return observer.opened(file, sqlite.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return observer.opened(file, sqlite.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return sqlite.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        sqlite.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        sqlite.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return sqlite.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return sqlite.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        return sqlite.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || sqlite.isWrapperFor(type);
    }
}
