package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The garbage-collection contract against a real PostgreSQL (READ COMMITTED, foreign-key locks); a database per test. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresGcStoreTest extends GcStoreContract {
    @Override
    protected MetadataStore newStore() throws Exception {
        return SharedPostgres.stores().open().meta();
    }
}
