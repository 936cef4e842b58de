package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The pull-through-cache contract against a real PostgreSQL (the V71 migration of its dialect); a database per test. */
@Tag("e2e")
class PostgresPullThroughCacheStoreTest extends PullThroughCacheStoreContract {
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
