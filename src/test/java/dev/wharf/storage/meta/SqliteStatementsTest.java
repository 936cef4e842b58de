package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements kept per SQLite connection behave as fresh ones: a kept read never holds a snapshot
 * (it sees the next commit and lets a checkpoint finish), a failed use leaves nothing behind, and a
 * nested use of the same SQL works.
 */
class SqliteStatementsTest {
    @TempDir
    Path dir;
    private HikariDataSource ds;

    @BeforeEach
    void open() throws Exception {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + dir.resolve("s.db"));
        hc.setDataSourceProperties(sqlite.toProperties());
        hc.setMaximumPoolSize(1); // one connection: every use below shares its kept statements
        ds = new HikariDataSource(hc);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
            s.execute("INSERT INTO t VALUES ('a', 1), ('b', 2)");
        }
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private List<Integer> values() {
        return Jdbc.read(ds, Dialect.SQLITE, c -> Jdbc.query(c, "SELECT v FROM t ORDER BY k", rs -> rs.getInt(1)));
    }

    private java.util.Optional<Integer> valueOf(String k) {
        return Jdbc.read(ds, Dialect.SQLITE, c -> Jdbc.one(c, "SELECT v FROM t WHERE k = ?", rs -> rs.getInt(1), k));
    }

    @Test
    void aKeptReadSeesWhatAnotherConnectionCommittedAfterIt() throws Exception {
        assertThat(values()).containsExactly(1, 2);
        assertThat(valueOf("a")).contains(1);
        // a connection of its own, outside the pool: the pool's connection keeps its statements
        try (Connection other = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("s.db"));
             Statement s = other.createStatement()) {
            s.execute("UPDATE t SET v = 10 WHERE k = 'a'");
            // a kept statement holding a read snapshot would make this checkpoint report busy
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.getInt(1)).as("checkpoint busy").isZero();
            }
        }
        assertThat(values()).containsExactly(10, 2);
        assertThat(valueOf("a")).contains(10);
    }

    @Test
    void aReadStoppedAfterItsFirstRowHoldsNoSnapshot() throws Exception {
        assertThatThrownBy(() -> Jdbc.read(ds, Dialect.SQLITE, c -> Jdbc.query(c, "SELECT v FROM t ORDER BY k", rs -> {
            throw new IllegalStateException("mapper failed on the first row");
        }))).hasMessageContaining("mapper failed");
        try (Connection other = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("s.db"));
             Statement s = other.createStatement()) {
            s.execute("UPDATE t SET v = 20 WHERE k = 'b'");
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.getInt(1)).as("checkpoint busy").isZero();
            }
        }
        assertThat(values()).containsExactly(1, 20);
    }

    @Test
    void aFailedUpdateLeavesTheStatementUsableAndTheTransactionRolledBack() {
        String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
        assertThatThrownBy(() -> Jdbc.tx(ds, Dialect.SQLITE, c -> {
            Jdbc.update(c, insert, "c", 3);
            return Jdbc.update(c, insert, "a", 4); // duplicate key
        })).isInstanceOf(DuplicateException.class);
        assertThat(values()).containsExactly(1, 2);
        int inserted = Jdbc.tx(ds, Dialect.SQLITE, c -> Jdbc.update(c, insert, "c", 3));
        assertThat(inserted).isEqualTo(1);
        assertThat(values()).containsExactly(1, 2, 3);
    }

    @Test
    void theSameQueryNestedInsideItsOwnRowsRunsOnAStatementOfItsOwn() {
        String sql = "SELECT v FROM t WHERE v >= ? ORDER BY v";
        List<List<Integer>> nested = Jdbc.read(ds, Dialect.SQLITE,
                c -> Jdbc.query(c, sql, rs -> Jdbc.query(c, sql, inner -> inner.getInt(1), rs.getInt(1)), 0));
        assertThat(nested).containsExactly(List.of(1, 2), List.of(2));
        assertThat(values()).containsExactly(1, 2);
    }

    @Test
    void nullsAndBytesBindTheSameOnAKeptStatementAsOnAFreshOne() {
        Jdbc.tx(ds, Dialect.SQLITE, c -> {
            Jdbc.update(c, "CREATE TABLE n (x BLOB)");
            for (Object x : new Object[] {null, new byte[] {1, 2}, null}) Jdbc.update(c, "INSERT INTO n (x) VALUES (?)", x);
            return null;
        });
        List<String> rows = Jdbc.read(ds, Dialect.SQLITE, c -> Jdbc.query(c, "SELECT x FROM n ORDER BY rowid",
                rs -> rs.getBytes(1) == null ? "null" : rs.getBytes(1).length + " bytes"));
        assertThat(rows).containsExactly("null", "2 bytes", "null");
    }
}
