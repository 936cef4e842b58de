package dev.wharf.storage.meta;

import java.time.Duration;

/** The whole {@link MetadataStoreContract} through the caching decorator: caching must change no answer. */
class CachedSqliteMetadataStoreTest extends SqliteMetadataStoreTest {
    @Override
    protected MetadataStore newStore() {
        // a clock that never moves: every cached row stays fresh, the hardest case for read-your-writes
        return CachingMetadataStore.wrap(super.newStore(), Duration.ofHours(1), () -> 0L);
    }
}
