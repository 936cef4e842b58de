package dev.wharf.storage.meta;

/**
 * The whole {@link MetadataStoreContract} on SQLite through the caching decorator as a node runs
 * it: checked against the shared cache generation, which the database's triggers bump.
 */
class GenerationCachedSqliteMetadataStoreTest extends SqliteMetadataStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore());
    }
}
