package dev.wharf.storage.meta;

/**
 * The pull-time exclusion contract through the caching decorator as a node runs it (every answer of the
 * lookups it caches whole is kept, an empty one too, checked against the shared generation): caching
 * must change no answer.
 */
class GenerationCachedSqlitePullTimeExclusionStoreTest extends SqlitePullTimeExclusionStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore());
    }
}
