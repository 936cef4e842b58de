package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Which writes bump the cache generation, on the embedded SQLite default. */
class SqlitePullPathGenerationTest extends PullPathGenerationContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStores openStores() {
        return SqliteMetadataStores.openAll(dir.resolve("wharf.db"));
    }
}
