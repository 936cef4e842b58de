package dev.wharf.storage.meta;

import java.time.Duration;

/** The creation-template contract through the caching decorator: caching must change no answer. */
class CachedSqliteCreationTemplateStoreTest extends SqliteCreationTemplateStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
