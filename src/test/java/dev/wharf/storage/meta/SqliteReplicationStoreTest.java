package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The replication store contract on the embedded SQLite default. */
class SqliteReplicationStoreTest extends ReplicationStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }
}
