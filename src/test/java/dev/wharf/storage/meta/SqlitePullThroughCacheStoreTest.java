package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The pull-through-cache contract on the embedded SQLite default. */
class SqlitePullThroughCacheStoreTest extends PullThroughCacheStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }
}
