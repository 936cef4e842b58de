package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Which writes bump the cache generation, on a real PostgreSQL (deferred triggers: counted at commit). */
@Tag("e2e")
class PostgresPullPathGenerationTest extends PullPathGenerationContract {
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
    protected MetadataStores openStores() throws Exception {
        return stores.open();
    }
}
