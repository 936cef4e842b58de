package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteGcStoreTest extends GcStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }
}
