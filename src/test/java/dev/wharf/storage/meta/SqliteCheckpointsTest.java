package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WAL checkpoints on their own thread ({@link SqliteCheckpoints}): the store's connections leave
 * them to it, it copies the WAL into the database file while nobody else does, it empties a WAL
 * that has grown past its bound, and it stops with the store.
 */
class SqliteCheckpointsTest {
    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s for " + what).isNegative();
            Thread.sleep(20);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theStoresCommitsWakeTheThreadWhichCopiesTheWalIntoTheDatabase() throws Exception {
        Path db = dir.resolve("wharf.db");
        MetadataStore store = SqliteMetadataStores.open(db);
        try {
            try (Connection c = ((JdbcMetadataStore) store).dataSource().getConnection();
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_autocheckpoint")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a pooled connection's own checkpoint threshold, in pages")
                        .isEqualTo(SqliteCheckpoints.POOL_AUTOCHECKPOINT_PAGES);
            }
            FileTime before = modified(db);
            // enough commits to wake the thread, far fewer pages than the pool's own threshold
            for (int i = 0; i < SqliteCheckpoints.EVERY_COMMITS + 10; i++) store.putSetting("checkpoint-test-" + i, "v" + i);
            // in WAL mode only a checkpoint writes the database file, and no commit here reached the pool's threshold
            await("the database file to be written by a checkpoint", () -> !modified(db).equals(before));
            assertThat(store.setting("checkpoint-test-0")).contains("v0");
        } finally {
            store.close();
        }
    }

    @Test
    void aWalPastItsBoundIsEmptied() throws Exception {
        Path db = dir.resolve("plain.db");
        Path wal = dir.resolve("plain.db-wal");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA wal_autocheckpoint = 0"); // this connection never checkpoints
            st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
            try (SqliteCheckpoints checkpoints = SqliteCheckpoints.start(db, 2, 4)) {
                for (int i = 0; i < 20; i++) {
                    st.execute("INSERT INTO t (v) VALUES (zeroblob(3000))");
                    checkpoints.committed();
                }
                assertThat(Files.size(wal)).as("the WAL before any checkpoint").isPositive();
                await("the WAL file to be emptied", () -> {
                    try {
                        return Files.size(wal) == 0;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                assertThat(checkpoints.running()).isTrue();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(20);
            }
        }
    }

    @Test
    void closingStopsTheThread() throws Exception {
        Path db = dir.resolve("plain.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY)");
            SqliteCheckpoints checkpoints = SqliteCheckpoints.start(db);
            st.execute("INSERT INTO t VALUES (1)");
            checkpoints.committed();
            Thread.sleep(200);
            assertThat(checkpoints.running()).isTrue();
            checkpoints.close();
            assertThat(checkpoints.running()).isFalse();
        }
    }
}
