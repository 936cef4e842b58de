package dev.wharf.storage.meta;

import org.junit.jupiter.api.Tag;

/**
 * The whole {@link MetadataStoreContract} on PostgreSQL through the caching decorator as nodes run
 * it: checked against the shared cache generation, which the database's triggers bump.
 */
@Tag("e2e")
class CachedPostgresMetadataStoreTest extends PostgresMetadataStoreTest {
    @Override
    protected MetadataStore newStore() throws Exception {
        return CachingMetadataStore.wrap(super.newStore());
    }
}
