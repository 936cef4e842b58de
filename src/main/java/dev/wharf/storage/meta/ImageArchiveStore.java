package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * The storage state of images that have ever been archived. Part of {@link MetadataStore}; same
 * transactional promises. A row goes with its manifest (deleting the manifest deletes it).
 */
public interface ImageArchiveStore {

    /** One image's stored state; the times are epoch millis, null when the event never happened. */
    record ArchiveRow(long repositoryId, String digest, String status, Long archivedAt, Long activatedAt, Long restoreStartedAt) {}

    Optional<ArchiveRow> findImageArchive(long repositoryId, String digest);

    /** Every row of the repository, by digest. */
    List<ArchiveRow> listImageArchives(long repositoryId);

    /**
     * Inserts or replaces the row of {@code row.digest()}.
     *
     * @throws ConflictException the repository holds no manifest with that digest
     */
    void putImageArchive(ArchiveRow row);
}
