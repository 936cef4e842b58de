package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded default's schema, made once by the build instead of on every new data directory.
 * <p>
 * A new SQLite database took its first start about 0.3 s longer than a restart: Flyway's start-up and
 * every migration's DDL (docs/performance.md, "Warm start"). The build runs the same migrations into a
 * file ({@link #main}, bound to Maven's {@code process-classes} phase) and ships it with the hash of the
 * migrations it ran. A first start whose migrations hash the same copies it aside and links it into
 * place: the link fails when a file is there already, so two processes starting on one new directory
 * never both make it, and neither ever opens a half-copied file. {@link Migrations} then finds the
 * hash it records after a migration and skips Flyway. Whatever does not fit (no template in a build
 * from an IDE, another hash, a filesystem without hard links) leaves the empty file to Flyway, as
 * before.
 * <p>
 * The template holds nothing of an installation: only the schema, the rows its migrations insert,
 * Flyway's history (whose times are the build's) and the hash; accounts, keys and secrets are made
 * by the server on its first start.
 */
final class SchemaTemplate {
    static final String RESOURCE = "db/template/wharf.db";
    static final String HASH_RESOURCE = "db/template/wharf.db.sha256";

    private SchemaTemplate() {}

    /**
     * Puts a copy of the template at {@code file} unless something is there. Returns whether
     * {@code file} exists afterwards (made here, or by another process meanwhile); false when this
     * build has no template for its migrations.
     */
    static boolean install(Path file, FileAttribute<?>... mode) throws IOException {
        return install(file, Migrations.fingerprint(Dialect.SQLITE), mode);
    }

    /** As above, for a build whose migrations hash to {@code migrations}. */
    static boolean install(Path file, String migrations, FileAttribute<?>... mode) throws IOException {
        String hash = resource(HASH_RESOURCE);
        if (hash == null || migrations == null || !hash.strip().equals(migrations)) return false;
        Path aside = file.resolveSibling(file.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        try (InputStream in = SchemaTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) return false;
            Files.deleteIfExists(aside);
            Files.createFile(aside, mode);
            try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
                ch.force(true);
            }
            try {
                Files.createLink(file, aside);
            } catch (FileAlreadyExistsException there) {
                // another process made the database first (or it exists): theirs is used
            } catch (UnsupportedOperationException | IOException noLinks) {
                return false;
            }
            fsyncDirectory(file.getParent());
            return true;
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some filesystems cannot flush a directory; the link is made all the same
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaTemplate.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * The build's step: {@code args[0]} is the directory that receives {@code wharf.db} and its hash
     * (under the classes, so that the jar and the tests have it). Nothing is done when the hash there
     * is already the migrations' own.
     */
    public static void main(String[] args) throws Exception {
        // the build's output: Flyway's warnings, not its progress (logback's default is DEBUG)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path out = Path.of(args[0]);
        String hash = Migrations.fingerprint(Dialect.SQLITE);
        if (hash == null) throw new IllegalStateException("the SQLite migrations cannot be listed from the class path");
        Path hashFile = out.resolve("wharf.db.sha256");
        Path db = out.resolve("wharf.db");
        if (Files.exists(db) && Files.exists(hashFile) && Files.readString(hashFile).strip().equals(hash)) return;
        Path work = Files.createTempDirectory("wharf-schema-");
        try {
            Path made = work.resolve("wharf.db");
            try (HikariDataSource ds = SqliteMetadataStores.pool(made)) {
                if (!Migrations.migrate(ds, Dialect.SQLITE)) throw new IllegalStateException("Flyway did not run on a new file");
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    // everything into the one file: the template must be complete without its -wal
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    s.execute("VACUUM");
                } catch (SQLException e) {
                    throw new IllegalStateException("checkpointing the template failed", e);
                }
            }
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path p = made.resolveSibling("wharf.db" + suffix);
                if (Files.exists(p) && Files.size(p) > 0) throw new IllegalStateException(p + " was left behind");
            }
            Files.createDirectories(out);
            Files.copy(made, db, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(hashFile, hash + "\n");
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
