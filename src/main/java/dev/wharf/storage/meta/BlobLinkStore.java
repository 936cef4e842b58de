package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Blob rows (global) and their links into repositories (visibility). Part of {@link MetadataStore}; same transactional promises. */
public interface BlobLinkStore {

    Optional<Rows.Blob> findBlob(String digest);

    /** The blob, only when the repository links it. */
    Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest);

    /**
     * Records the blob (if new) and links it into the repository (if not yet), atomically. For a
     * caller that knows the bytes are stored and not queued for deletion (tests, imports); an
     * upload completing uses {@link #pinBlob} and {@link #linkExistingBlob} instead.
     *
     * @return false, writing nothing, when the digest is queued for deletion by garbage collection
     */
    boolean linkBlob(long repositoryId, Rows.Blob blob, long now);

    /**
     * Step one of making uploaded bytes visible (docs/design.md, "Garbage collection"): records the
     * blob row if new and keeps it from being collected until {@code until} or until
     * {@link #unpinBlob}, under {@code pinId} (the caller's own, unique); cancels a queued deletion
     * of the digest that no collector has claimed yet.
     *
     * @return false, writing nothing, when a collector holds a claim on deleting this digest's
     *         bytes right now: the caller waits briefly and tries again
     */
    boolean pinBlob(Rows.Blob blob, String pinId, long now, long until);

    /** Ends a pin (its blob is linked now, or the upload failed); no effect when absent. */
    void unpinBlob(String pinId);

    /**
     * Links a blob that has a row into the repository (a no-op when already linked).
     *
     * @return false, writing nothing, when the blob has no row (it was collected meanwhile)
     */
    boolean linkExistingBlob(long repositoryId, String digest, long now);

    /**
     * Removes a link that no manifest of the repository needs.
     *
     * @return true when a link was removed; false when there was none or a manifest needs it
     */
    boolean unlinkBlob(long repositoryId, String digest);

    /** Of the given digests, those linked into the repository. */
    List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests);

    /** Blobs that no repository links, recorded before {@code createdBefore} (garbage collection's candidates). */
    List<String> unlinkedBlobs(long createdBefore, int limit);

    /**
     * Forgets a blob row, only when no repository links it, and queues its bytes for deletion
     * ({@link GcStore}) in the same transaction. @return true when removed
     */
    boolean deleteBlobIfUnlinked(String digest);

    /** True when a manifest of the repository references the blob (as config or layer). */
    boolean isBlobReferenced(long repositoryId, String digest);
}
