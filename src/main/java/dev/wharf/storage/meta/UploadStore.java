package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * Upload sessions: the session row is the one truth of its size (docs/design.md, "Upload sessions"). A session is born
 * without a row (its signed id says it exists) and gets one with its first chunk; every session that ends leaves its id
 * in a list of ended ones, so that the id is never valid again. Part of {@link MetadataStore}; same transactional promises.
 */
public interface UploadStore {

    /**
     * Gives a session its row, unless the repository already has {@code maxPerRepository} of them, or the session
     * has ended, or already has its row.
     *
     * @return false when the session has ended or already has its row (nothing is written)
     * @throws LimitException when the repository is at its limit (nothing is written)
     */
    boolean createUpload(Rows.Upload upload, int maxPerRepository);

    /** Whether the session {@code uploadId} has ended (completed, cancelled or discarded) and its end not yet purged. */
    boolean uploadEnded(String uploadId);

    /** Forgets the sessions that ended before {@code endedBefore}, whose ids have expired by then; returns how many. */
    int purgeEndedUploads(long endedBefore);

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

    /** Ends a session: deletes its row, if it has one, and keeps its id as ended. Returns whether it had a row. */
    boolean deleteUpload(String uploadId, long now);

    /** How a completion that links its pinned blob ended ({@link #completeUpload}, {@link #completeEmptyUpload}). */
    enum Completion {
        /** The blob is linked to the repository; the session and the pin are gone. */
        LINKED,
        /** The pin had lapsed and garbage collection took the blob's row: nothing is linked; the session and the pin are gone. */
        BLOB_GONE,
        /** ({@link #completeEmptyUpload} only) the session is no longer empty, or held by a writer: only the pin is gone. */
        SESSION_CHANGED,
        /**
         * ({@link #completeEmptyUpload}, {@link BlobContentStore#completeWithContent}) the session had ended already (completed
         * or cancelled by another request): only the pin is gone.
         */
        SESSION_ENDED,
        /**
         * ({@link BlobContentStore#completeWithContent} only) a collector is deleting this digest's bytes right now (its claim
         * holds), or (PostgreSQL) took the blob's row while the completion ran: nothing is written; the same call succeeds
         * once the claim has ended.
         */
        BLOB_CLAIMED
    }

    /**
     * Ends a session whose bytes became the blob {@code digest}, which the caller pinned under
     * {@code pinId} before making its bytes visible (docs/design.md, "Garbage collection": pin the
     * row, make the bytes visible, then link). In one transaction: links the blob to
     * {@code repositoryId} if its row still exists, ends the pin, deletes the session. The link and
     * the end of the pin commit together, so a collector never finds the row neither pinned nor
     * linked; and one commit (one flush of the database) does what three did.
     */
    Completion completeUpload(String uploadId, String pinId, long repositoryId, String digest, long now);

    /**
     * {@link #completeUpload} for a session into which one request brought the whole blob, written
     * apart from the session's own bytes: only if the session is still empty and no writer holds
     * it by a claim taken at or after {@code staleBefore}; otherwise only the pin is ended
     * ({@link Completion#SESSION_CHANGED}: the blob's row stays unlinked, for garbage collection).
     */
    Completion completeEmptyUpload(String uploadId, String pinId, long repositoryId, String digest, long now, long staleBefore);

    List<Rows.Upload> uploadsUpdatedBefore(long cutoff);

    /** The layer-part bookkeeping of an upload made through UploadLayerPart (empty before its first part). */
    Optional<Rows.LayerParts> findLayerParts(String uploadId);

    void putLayerParts(Rows.LayerParts parts);
}
