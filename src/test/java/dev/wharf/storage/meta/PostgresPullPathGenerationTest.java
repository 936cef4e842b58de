package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which writes bump the cache generation, on a real PostgreSQL (deferred triggers: counted at commit); a database per test. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresPullPathGenerationTest extends PullPathGenerationContract {
    @Override
    protected MetadataStores openStores() throws Exception {
        return SharedPostgres.stores().open();
    }
}
