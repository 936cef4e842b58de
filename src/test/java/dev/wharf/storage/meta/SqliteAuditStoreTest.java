package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The audit store contract on the embedded SQLite default. */
class SqliteAuditStoreTest extends AuditStoreContract {
    @TempDir
    Path dir;
    private MetadataStore meta;
    private JdbcAuditStore.Closeable audit;

    @Override
    protected AuditStore store() {
        Path file = dir.resolve("wharf.db");
        meta = SqliteMetadataStores.open(file);
        audit = JdbcAuditStore.openSqlite(file);
        return audit;
    }

    @AfterEach
    void close() throws Exception {
        if (audit != null) audit.close();
        if (meta != null) meta.close();
    }
}
