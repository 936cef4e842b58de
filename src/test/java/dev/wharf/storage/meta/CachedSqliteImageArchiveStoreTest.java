package dev.wharf.storage.meta;

import java.time.Duration;

/** The image archive contract through the caching decorator: caching must change no answer. */
class CachedSqliteImageArchiveStoreTest extends SqliteImageArchiveStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
