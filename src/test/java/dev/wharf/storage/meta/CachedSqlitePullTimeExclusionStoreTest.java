package dev.wharf.storage.meta;

import java.time.Duration;

/** The pull-time exclusion contract through the caching decorator: caching must change no answer. */
class CachedSqlitePullTimeExclusionStoreTest extends SqlitePullTimeExclusionStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
