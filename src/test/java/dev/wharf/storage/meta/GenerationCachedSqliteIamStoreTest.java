package dev.wharf.storage.meta;

/**
 * The whole {@link IamStoreContract} on SQLite through the caching decorator as a node runs it: both
 * stores behind one cache, checked against the shared cache generation that the database's triggers bump.
 */
class GenerationCachedSqliteIamStoreTest extends SqliteIamStoreTest {
    @Override
    protected MetadataStores open() {
        return CachingMetadataStore.wrap(super.open(), () -> null);
    }
}
