package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Upload sessions: the session row is the one truth of its size (docs/design.md, "Upload sessions"). Part of {@link MetadataStore}; same transactional promises. */
public interface UploadStore {

    /**
     * Opens a session, unless the repository already has {@code maxPerRepository} open ones.
     *
     * @throws LimitException when the repository is at its limit (nothing is written)
     */
    void createUpload(Rows.Upload upload, int maxPerRepository);

    Optional<Rows.Upload> findUpload(String uploadId);

    /**
     * Takes the session's writer claim for {@code writer}, only if its size is still
     * {@code expectedSize} and no other writer holds a claim taken at or after {@code staleBefore}.
     * The row is the one truth of a session: bytes are written to the blob store only under a
     * claim, so two concurrent chunks (on one node or two) never both land.
     *
     * @return false when the size moved or another writer holds the session
     */
    boolean claimUpload(String uploadId, long expectedSize, String writer, long now, long staleBefore);

    /**
     * Advances the session's size and ends {@code writer}'s claim, only if {@code writer} still
     * holds it and the size is still {@code expectedSize}.
     *
     * @return false when the claim was lost meanwhile (nothing is written)
     */
    boolean advanceUpload(String uploadId, String writer, long expectedSize, long newSize, int parts, long now);

    /** Ends {@code writer}'s claim without moving the size (a chunk that failed); no effect when it holds none. */
    void releaseUpload(String uploadId, String writer);

    boolean deleteUpload(String uploadId);

    /**
     * Ends a session whose bytes became {@code blob}: links the blob to {@code repositoryId} (as
     * {@link BlobLinkStore#linkBlob}) and deletes the session, in one transaction (one commit, one
     * flush of the database, per pushed blob).
     *
     * @return false when the session was already gone (the link is made all the same)
     */
    boolean completeUpload(String uploadId, long repositoryId, Rows.Blob blob, long now);

    /**
     * Ends a session that is still empty, and that no writer holds by a claim taken at or after
     * {@code staleBefore}, as {@code blob}: deletes it and links the blob to {@code repositoryId},
     * in one transaction. Used when one request brought the whole blob, written apart from the
     * session's own bytes.
     *
     * @return false when the session is gone, no longer empty or held (nothing is written)
     */
    boolean completeEmptyUpload(String uploadId, long repositoryId, Rows.Blob blob, long now, long staleBefore);

    List<Rows.Upload> uploadsUpdatedBefore(long cutoff);

    /** The layer-part bookkeeping of an upload made through UploadLayerPart (empty before its first part). */
    Optional<Rows.LayerParts> findLayerParts(String uploadId);

    void putLayerParts(Rows.LayerParts parts);
}
