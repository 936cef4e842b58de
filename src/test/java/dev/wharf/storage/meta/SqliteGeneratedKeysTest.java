package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 (small pushes): no statement of Wharf asks SQLite for generated keys, so neither pool lets
 * the driver follow every INSERT with a {@code SELECT last_insert_rowid()} of its own (docs/performance.md,
 * "Small pushes: sessions born without a row"). With the driver's default the keys of the INSERT below
 * would be one row.
 */
class SqliteGeneratedKeysTest {
    @TempDir
    Path dir;

    private static boolean insertReturnsKeys(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE IF NOT EXISTS keys_probe (id INTEGER PRIMARY KEY, v TEXT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keys_probe (v) VALUES (?)")) {
                ps.setString(1, "x");
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next();
                }
            }
        }
    }

    @Test
    void neitherPoolRunsAStatementForGeneratedKeysAfterAnInsert() throws Exception {
        Path file = dir.resolve("wharf.db");
        try (MetadataStore meta = SqliteMetadataStores.open(file);
             JdbcAuditStore.Closeable audit = JdbcAuditStore.openSqlite(file)) {
            assertThat(insertReturnsKeys(((JdbcMetadataStore) meta).dataSource())).as("the metadata pool").isFalse();
            assertThat(insertReturnsKeys(audit.dataSource())).as("the audit pool").isFalse();
        }
    }
}
