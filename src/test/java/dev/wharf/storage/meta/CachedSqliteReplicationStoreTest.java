package dev.wharf.storage.meta;

import java.time.Duration;

/** The replication store contract through the caching decorator: caching must change no answer. */
class CachedSqliteReplicationStoreTest extends SqliteReplicationStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
