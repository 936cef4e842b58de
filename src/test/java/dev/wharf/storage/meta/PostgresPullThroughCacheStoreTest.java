package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pull-through-cache contract against a real PostgreSQL (the V71 migration of its dialect); a database per test. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresPullThroughCacheStoreTest extends PullThroughCacheStoreContract {
    @Override
    protected MetadataStore newStore() throws Exception {
        return SharedPostgres.stores().open().meta();
    }
}
