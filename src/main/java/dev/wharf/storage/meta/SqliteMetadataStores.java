package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the embedded default: one SQLite file in WAL mode, migrated with Flyway. */
public final class SqliteMetadataStores {
    private SqliteMetadataStores() {}

    /** The metadata store and the IAM store over one connection pool; closing {@code meta} closes both. */
    public record Stores(MetadataStore meta, IamStore iam) {}

    public static MetadataStore open(Path file) {
        return openAll(file).meta();
    }

    /** Opens both stores of the data file over one pool. */
    public static Stores openAll(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new MetadataException("cannot create " + file.getParent(), e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(30_000);
        // Write transactions take the write lock at BEGIN, so two writers never deadlock on upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);

        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        hc.setDataSourceProperties(sqlite.toProperties());
        hc.setMaximumPoolSize(8);
        hc.setMinimumIdle(2);
        hc.setPoolName("wharf-sqlite");
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations(Dialect.SQLITE.migrations()).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new MetadataException("migrating " + file + " failed: " + e.getMessage(), e);
        }
        return new Stores(new JdbcMetadataStore(ds, Dialect.SQLITE, ds), new JdbcIamStore(ds, Dialect.SQLITE));
    }
}
