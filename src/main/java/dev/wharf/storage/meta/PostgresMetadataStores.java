package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Opens the shared metadata database of a deployment with many nodes: PostgreSQL, migrated with
 * Flyway from {@code db/postgres/} (the same versions as {@code db/sqlite/}). Every node runs the
 * migration at start-up; Flyway's lock on its history table lets one node migrate while the
 * others wait.
 */
public final class PostgresMetadataStores {
    private PostgresMetadataStores() {}

    /** Where the database is and who Wharf is there. The password is never part of a message. */
    public record Connection(String jdbcUrl, String user, String password, int poolSize) {
        public Connection {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the PostgreSQL URL must be a JDBC URL starting with jdbc:postgresql:");
            }
            if (poolSize < 1) throw new IllegalArgumentException("the PostgreSQL pool needs at least one connection");
        }

        @Override
        public String toString() {
            return "PostgreSQL[" + jdbcUrl + " as " + user + "]";
        }
    }

    /** Opens both stores over one pool; closing {@code meta} closes both. */
    public static MetadataStores openAll(Connection db) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        if (db.user() != null) hc.setUsername(db.user());
        if (db.password() != null) hc.setPassword(db.password());
        hc.setMaximumPoolSize(db.poolSize());
        hc.setMinimumIdle(Math.min(2, db.poolSize()));
        hc.setPoolName("wharf-postgres");
        // A node that cannot reach the database fails at start-up, not at its first request.
        hc.setInitializationFailTimeout(30_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new MetadataException("cannot connect to " + db + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations(Dialect.POSTGRESQL.migrations()).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new MetadataException("migrating " + db + " failed: " + rootMessage(e), e);
        }
        return new MetadataStores(new JdbcMetadataStore(ds, Dialect.POSTGRESQL, ds), new JdbcIamStore(ds, Dialect.POSTGRESQL));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
