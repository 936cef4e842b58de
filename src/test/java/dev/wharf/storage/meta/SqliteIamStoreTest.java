package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The IAM store contract on the embedded SQLite default. */
class SqliteIamStoreTest extends IamStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MetadataStores open() {
        return SqliteMetadataStores.openAll(dir.resolve("wharf.db"));
    }
}
