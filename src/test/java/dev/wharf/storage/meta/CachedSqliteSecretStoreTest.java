package dev.wharf.storage.meta;

import java.time.Duration;

/** The secret store contract through the caching decorator: caching must change no answer. */
class CachedSqliteSecretStoreTest extends SqliteSecretStoreTest {
    @Override
    protected MetadataStore newStore() {
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
