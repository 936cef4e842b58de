package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** Relaxed transactions on SQLite in WAL mode: {@code PRAGMA synchronous} 1 (NORMAL) inside, 2 (FULL) on every pooled connection. */
class SqliteRelaxedTransactionTest extends RelaxedTransactionContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }

    @Override
    protected String durability(Connection c) throws SQLException {
        return single(c, "PRAGMA synchronous");
    }

    @Override
    protected String durable() {
        return "2";
    }

    @Override
    protected String relaxed() {
        return "1";
    }
}
