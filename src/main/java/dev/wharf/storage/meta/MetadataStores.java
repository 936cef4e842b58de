package dev.wharf.storage.meta;

/**
 * The metadata store and the IAM store of one database over one connection pool, whichever
 * database it is ({@link SqliteMetadataStores}, {@link PostgresMetadataStores}); closing {@code meta}
 * closes both.
 */
public record MetadataStores(MetadataStore meta, IamStore iam) {}
