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
     * Completes an empty session with a small blob's bytes, in one ordinary commit: stores
     * {@code content[0, length)} under the blob's digest (keeping an existing row), makes the blob's
     * row (cancelling a deletion queued for it that no collector has claimed), links it to
     * {@code repositoryId} and ends the session, provided the session is still empty and no writer
     * holds it by a claim taken at or after {@code staleBefore}. The bytes, the row and the link
     * become visible and durable together, so no pin is needed (docs/design.md, "Small blobs in the
     * database"). Writes nothing when it answers {@link UploadStore.Completion#SESSION_CHANGED} or
     * {@link UploadStore.Completion#BLOB_CLAIMED}.
     */
    UploadStore.Completion completeWithContent(String uploadId, long repositoryId, Rows.Blob blob, byte[] content, int length,
                                               long now, long staleBefore);

    /** The bytes stored under {@code digest}, or empty. */
    Optional<byte[]> blobContent(String digest);

    /** The size of the bytes stored under {@code digest}, or empty. */
    OptionalLong blobContentSize(String digest);

    /** Deletes the rows of {@code digests} (absent ones are no error) in one transaction; returns how many there were. */
    int deleteBlobContents(List<String> digests);

    /** Every digest with a content row. */
    List<String> blobContentDigests();
}
