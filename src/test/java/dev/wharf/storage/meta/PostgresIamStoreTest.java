package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The IAM store contract against a real PostgreSQL; each test gets a database of its own. */
@Tag("e2e")
class PostgresIamStoreTest extends IamStoreContract {
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
    protected MetadataStores open() throws Exception {
        return stores.open();
    }
}
