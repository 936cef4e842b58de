package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded SQLite database the audit trail's own pool commits without a disk flush of its
 * own (synchronous=NORMAL: its batches become durable with the next durable commit), while the
 * metadata store's pool stays at FULL (docs/design.md, "Durability of small commits").
 */
class SqliteAuditPoolDurabilityTest {
    private static final int NORMAL = 1;
    private static final int FULL = 2;

    @TempDir
    Path dir;

    private static int synchronous(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    void theAuditPoolCommitsWithoutItsOwnFlushAndTheMetadataPoolWithOne() throws Exception {
        Path file = dir.resolve("wharf.db");
        try (MetadataStore meta = SqliteMetadataStores.open(file);
             JdbcAuditStore.Closeable audit = JdbcAuditStore.openSqlite(file)) {
            assertThat(synchronous(audit.dataSource())).as("the audit pool").isEqualTo(NORMAL);
            assertThat(synchronous(((JdbcMetadataStore) meta).dataSource())).as("the metadata pool").isEqualTo(FULL);
        }
    }
}
