package dev.wharf.storage.meta;

import java.time.Duration;

/** The pull-through-cache contract through the caching decorator: caching must change no answer. */
class CachedSqlitePullThroughCacheStoreTest extends SqlitePullThroughCacheStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
