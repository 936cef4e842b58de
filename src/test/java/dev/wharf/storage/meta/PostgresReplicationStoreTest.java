package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The replication store contract against a real PostgreSQL (concurrent claims under READ COMMITTED); a database per test. */
@Tag("e2e")
class PostgresReplicationStoreTest extends ReplicationStoreContract {
    private static PostgresCluster pg;
    private static PostgresStores stores;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresCluster.start();
        stores = new PostgresStores(pg);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) pg.close();
    }

    @Override
    protected MetadataStore newStore() throws Exception {
        return stores.open().meta();
    }
}
