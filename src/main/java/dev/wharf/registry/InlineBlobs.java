package dev.wharf.registry;

/**
 * Optional power of the registry's blob store: small blobs kept as rows of the metadata database
 * ({@link InlineBlobStore}). A blob that arrives whole and is no larger than
 * {@link #maxInlineBytes} is completed by one metadata transaction that stores its bytes, makes its
 * row and links it ({@code BlobContentStore.completeWithContent}); the store reads and deletes such
 * rows like its files.
 */
public interface InlineBlobs {
    /** The largest blob kept as a row; 0 keeps none. */
    int maxInlineBytes();
}
