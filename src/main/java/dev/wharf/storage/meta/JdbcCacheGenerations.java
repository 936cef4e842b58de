package dev.wharf.storage.meta;

import javax.sql.DataSource;
import java.util.function.LongSupplier;

/**
 * The shared database's cache generation (migration {@code V73__cache_generations.sql}): a counter
 * that every write which could make a cached row stale bumps in its own transaction, whichever
 * node or process made it. Reading it is one primary-key lookup.
 */
public final class JdbcCacheGenerations implements LongSupplier {
    /** The one area today: every row {@link CachingMetadataStore} keeps. */
    static final String METADATA = "metadata";

    private final DataSource ds;
    private final Dialect dialect;

    private JdbcCacheGenerations(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    /** Over the same database and pool as {@code meta} (a {@link JdbcMetadataStore}). */
    public static JdbcCacheGenerations sharing(MetadataStore meta) {
        JdbcMetadataStore jdbc = (JdbcMetadataStore) meta;
        return new JdbcCacheGenerations(jdbc.dataSource(), jdbc.dialect());
    }

    /** The generation now: every write committed before this call is counted in it. */
    @Override
    public long getAsLong() {
        return Jdbc.read(ds, dialect, c -> Jdbc.one(c, "SELECT generation FROM cache_generations WHERE area = ?",
                rs -> rs.getLong("generation"), METADATA)).orElseThrow(() -> new MetadataException(
                "the cache_generations row is missing: the database was not migrated by this version of Wharf", null));
    }
}
