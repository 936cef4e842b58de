package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Small blobs' bytes, kept in the database beside their rows (docs/design.md, "Small blobs in the
 * database"). A content row never says that a blob exists (its row in {@code blobs} does); it only
 * holds bytes, which never change once written. Part of {@link MetadataStore}; same transactional
 * promises.
 */
public interface BlobContentStore {

    /**
     * Stores {@code content[0, length)} under {@code digest}, keeping an existing row (the bytes of a
     * digest are always the same). The write is relaxed: it is durable once a later ordinary
     * commit of the same database returns (the completion that links the blob is one), and a crash
     * before that loses it whole, never in part.
     */
    void putBlobContent(String digest, byte[] content, int length);

    /** The bytes stored under {@code digest}, or empty. */
    Optional<byte[]> blobContent(String digest);

    /** The size of the bytes stored under {@code digest}, or empty. */
    OptionalLong blobContentSize(String digest);

    /** Deletes the rows of {@code digests} (absent ones are no error) in one transaction; returns how many there were. */
    int deleteBlobContents(List<String> digests);

    /** Every digest with a content row. */
    List<String> blobContentDigests();
}
