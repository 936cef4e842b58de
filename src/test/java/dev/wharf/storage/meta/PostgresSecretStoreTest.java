package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The secret store contract against a real PostgreSQL (READ COMMITTED, byte-order collation); a database per test. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresSecretStoreTest extends SecretStoreContract {
    @Override
    protected MetadataStore newStore() throws Exception {
        return SharedPostgres.stores().open().meta();
    }
}
