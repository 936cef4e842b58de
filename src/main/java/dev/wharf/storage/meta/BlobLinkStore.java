package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Blob rows (global) and their links into repositories (visibility). Part of {@link MetadataStore}; same transactional promises. */
public interface BlobLinkStore {

    Optional<Rows.Blob> findBlob(String digest);

    /** The blob, only when the repository links it. */
    Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest);

    /** Records the blob (if new) and links it into the repository (if not yet), atomically. */
    void linkBlob(long repositoryId, Rows.Blob blob, long now);

    /** @return true when a link was removed */
    boolean unlinkBlob(long repositoryId, String digest);

    /** Of the given digests, those linked into the repository. */
    List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests);

    /** Blobs that no repository links, recorded before {@code createdBefore}; for garbage collection (not built yet). */
    List<String> unlinkedBlobs(long createdBefore, int limit);

    /** Forgets a blob row, only when no repository links it. @return true when removed */
    boolean deleteBlobIfUnlinked(String digest);

    /** True when a manifest of the repository references the blob (as config or layer). */
    boolean isBlobReferenced(long repositoryId, String digest);
}
