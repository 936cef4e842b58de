package dev.wharf.storage.meta;

/**
 * The whole {@link IamStoreContract} on PostgreSQL through the caching decorator as a node runs it: both
 * stores behind one cache, checked against the shared cache generation that the database's triggers bump.
 */
class GenerationCachedPostgresIamStoreTest extends PostgresIamStoreTest {
    @Override
    protected MetadataStores open() throws Exception {
        return CachingMetadataStore.wrap(super.open(), () -> null);
    }
}
