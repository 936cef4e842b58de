package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * What garbage collection asks of the database (docs/design.md, "Garbage collection"). Part of
 * {@link MetadataStore}; same transactional promises. Every delete here is conditional: it
 * re-checks, in its own statement, that nothing needs the row, so a collection racing pushes
 * removes only what is garbage when it commits. The database's foreign keys back the checks up
 * (a link a manifest needs cannot be deleted; a link cannot be made to a blob row being deleted).
 */
public interface GcStore {

    /** A blob whose row is gone and whose bytes are to be deleted. */
    record QueuedDeletion(String digest, long size) {}

    /** What a pass would collect now, without collecting it ({@code --dry-run}). */
    record GcPreview(int manifests, int links, int blobs, long bytes, int queued, long queuedBytes) {}

    /**
     * Deletes up to {@code limit} manifests that the rules of docs/design.md collect, pushed before
     * {@code pushedBefore}: untagged manifests that a deleted index listed and that no index, tag
     * or referrer needs any more, and referrers whose subject is gone from their repository (and
     * that no index lists).
     *
     * @return how many manifests were deleted
     */
    int deleteOrphanManifests(long pushedBefore, int limit);

    /**
     * Deletes up to {@code limit} repository links that no manifest of their repository needs and
     * that were made before {@code createdBefore} (the grace period covers a push whose manifest
     * has not arrived yet). @return how many were deleted
     */
    int deleteUnreferencedLinks(long createdBefore, int limit);

    /**
     * Deletes up to {@code limit} blob rows that no repository links, recorded before
     * {@code createdBefore} and not pinned at {@code now}, queueing each one's bytes for deletion
     * in the same transaction. @return the blobs queued
     */
    List<QueuedDeletion> queueUnlinkedBlobs(long createdBefore, long now, int limit);

    /**
     * Claims up to {@code limit} queued deletions that nobody holds (or whose claim lapsed) for
     * {@code claimant} until {@code until}. While the claim holds, no blob row of those digests can
     * be created ({@link BlobLinkStore#pinBlob} answers false), so their bytes may be deleted.
     */
    List<QueuedDeletion> claimDeletions(String claimant, long now, long until, int limit);

    /** Ends the claimant's deletions of these digests, whose bytes are gone. @return how many */
    int finishDeletions(String claimant, List<String> digests);

    /** Counts what a pass would collect now (an estimate under concurrent pushes). */
    GcPreview previewGarbage(long cutoff, long now);

    /**
     * Takes or renews the named lease for {@code holder} until {@code until}, when it is free,
     * lapsed (before {@code now}) or already the holder's. @return true when held
     */
    boolean acquireLease(String name, String holder, long now, long until);

    /** Gives the lease back if the holder has it. */
    void releaseLease(String name, String holder);

    /** Who holds the named lease, if anyone, and until when. */
    Optional<Lease> lease(String name);

    record Lease(String holder, long until) {}

    // ---------------------------------------------------------------- space accounting

    /** A repository's linked blobs: bytes no other repository links, and bytes other repositories link too. */
    record RepositoryUsage(String accountId, String repository, long blobs, long uniqueBytes, long sharedBytes) {}

    /** An account's blobs, each counted once: bytes no other account links, and bytes another account links too. */
    record AccountUsage(String accountId, long blobs, long uniqueBytes, long sharedBytes) {}

    /** Every repository with linked blobs, by account and name. */
    List<RepositoryUsage> repositoryUsage();

    /** Every account with linked blobs, by id. */
    List<AccountUsage> accountUsage();

    /**
     * The bytes of the distinct blobs the account's repositories link (shared layers once), plus
     * {@code size} when {@code digest} is not among them: what the account would store after linking it.
     */
    long accountBytesWith(String accountId, String digest, long size);
}
