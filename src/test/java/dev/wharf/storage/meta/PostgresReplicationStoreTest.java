package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replication store contract against a real PostgreSQL (concurrent claims under READ COMMITTED); a database per test. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresReplicationStoreTest extends ReplicationStoreContract {
    @Override
    protected MetadataStore newStore() throws Exception {
        return SharedPostgres.stores().open().meta();
    }
}
