package dev.wharf.storage.meta;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** For tests outside this package: puts an observer in front of the SQLite pools' new connections ({@link SqliteConnections}). */
public final class ConnectionObservers {
    private ConnectionObservers() {}

    /** What sees each new connection to a SQLite file, and answers the one the pool keeps. */
    @FunctionalInterface
    public interface Observer {
        Connection opened(Path file, Connection connection) throws SQLException;
    }

    /** Installs {@code observer} for pools opened from now on; closing the answer puts back the one it replaced. */
    public static AutoCloseable install(Observer observer) {
        SqliteConnections.Observer previous = SqliteConnections.observe(observer::opened);
        return () -> SqliteConnections.observe(previous);
    }
}
