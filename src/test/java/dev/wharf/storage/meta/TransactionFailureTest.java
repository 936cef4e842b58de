package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first failure of a transaction is the one reported; a rollback that fails after it rides along as suppressed. */
class TransactionFailureTest {
    @TempDir
    Path dir;

    /** A real SQLite connection whose rollback fails, as it does when the disk is full or the connection broke. */
    private DataSource brokenRollback() {
        SQLiteDataSource real = new SQLiteDataSource();
        real.setUrl("jdbc:sqlite:" + dir.resolve("tx.db"));
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = real.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("rollback")) {
                                throw new SQLException("cannot rollback - no transaction is active");
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
            @Override public PrintWriter getLogWriter() { return null; }
            @Override public void setLogWriter(PrintWriter out) {}
            @Override public void setLoginTimeout(int seconds) {}
            @Override public int getLoginTimeout() { return 0; }
            @Override public Logger getParentLogger() { return Logger.getGlobal(); }
            @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
            @Override public boolean isWrapperFor(Class<?> iface) { return false; }
        };
    }

    @Test
    void theWorksFailureIsThrownAndTheFailedRollbackIsAttachedToIt() {
        IllegalStateException cause = new IllegalStateException("the root cause");
        assertThatThrownBy(() -> Jdbc.tx(brokenRollback(), Dialect.SQLITE, c -> {
            throw cause;
        })).isSameAs(cause);
        assertThat(cause.getSuppressed()).extracting(Throwable::getMessage).contains("cannot rollback - no transaction is active");
    }

    @Test
    void aStorageFullErrorOfTheDatabaseIsNamedAsSuch() {
        assertThatThrownBy(() -> Jdbc.tx(brokenRollback(), Dialect.SQLITE, c -> {
            throw new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)", null, 13);
        })).isInstanceOf(MetadataFullException.class).hasMessageContaining("out of storage")
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).isNotEmpty());
    }
}
