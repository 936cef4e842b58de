package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Opens the embedded default: one SQLite file in WAL mode, migrated with Flyway ({@link Migrations}). */
public final class SqliteMetadataStores {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private SqliteMetadataStores() {}

    /**
     * The database holds encrypted secrets and token hashes: its directory is 0700 and the file is
     * created 0600 before SQLite opens it, whatever the umask. SQLite gives its -wal and -shm files
     * the mode of the database file; ones left by an older run are narrowed here too.
     */
    private static void makePrivate(Path file) throws java.io.IOException {
        Path dir = file.getParent();
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            if (!Files.exists(file)) SchemaTemplate.install(file);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile: narrowed below
            }
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        // a new database starts as the schema the build made (SchemaTemplate), else empty for Flyway
        if (Files.exists(file) || !SchemaTemplate.install(file, PosixFilePermissions.asFileAttribute(FILE))) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                // an existing database: narrowed below
            }
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = dir.resolve(file.getFileName() + suffix);
            if (Files.exists(p)) Files.setPosixFilePermissions(p, FILE);
        }
    }

    public static MetadataStore open(Path file) {
        return openAll(file).meta();
    }

    /** Opens both stores of the data file over one pool. */
    public static MetadataStores openAll(Path file) {
        try {
            makePrivate(file.toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new MetadataException("cannot create " + file.getParent(), e);
        }
        SqliteNativeLibrary.useCopyUnder(file.toAbsolutePath().getParent());
        HikariDataSource ds = pool(file);
        try {
            Migrations.migrate(ds, Dialect.SQLITE);
        } catch (RuntimeException e) {
            ds.close();
            throw new MetadataException("migrating " + file + " failed: " + e.getMessage(), e);
        }
        return new MetadataStores(new JdbcMetadataStore(ds, Dialect.SQLITE, ds), new JdbcIamStore(ds, Dialect.SQLITE));
    }

    /** The metadata pool over {@code file}, not yet migrated. */
    static HikariDataSource pool(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(30_000);
        // Write transactions take the write lock at BEGIN, so two writers never deadlock on upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // no statement asks for generated keys: without this the driver runs "SELECT last_insert_rowid()" after every INSERT
        sqlite.setGetGeneratedKeys(false);
        return SqliteConnections.pool(file, sqlite, "wharf-sqlite", 8);
    }
}
