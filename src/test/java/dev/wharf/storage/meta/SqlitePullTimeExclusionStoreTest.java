package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The pull-time exclusion contract on the embedded SQLite default. */
class SqlitePullTimeExclusionStoreTest extends PullTimeExclusionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }
}
