package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * Replication: each registry's replication configuration, and the durable queue of images to copy
 * to each destination, which also keeps how each copy ended. Part of {@link MetadataStore}.
 *
 * <p>The queue is shared by every node. A worker takes items with a claim ({@link #claimReplications}):
 * a compare-and-set that only one worker wins, until the claim lapses (a worker that dies mid-copy
 * leaves the item to be taken again then: a copy is made at least once, and copying is idempotent).
 * Every later write of the worker names its claim and does nothing once it is no longer the holder.
 */
public interface ReplicationStore {
    String IN_PROGRESS = "IN_PROGRESS";
    String COMPLETE = "COMPLETE";
    String FAILED = "FAILED";

    /** One destination of a replication rule. */
    record Destination(String region, String registryId) {}

    /**
     * One image (and tag; {@code tag} is null for a push by digest) to copy to one destination.
     * {@code attempts} counts the current one when returned by {@link #claimReplications}.
     */
    record ReplicationItem(long id, String accountId, String repository, String digest, String tag, Destination destination,
                           String status, String failureCode, int attempts, long createdAt, long updatedAt) {}

    /** Sets the registry's configuration (an opaque text to the store), replacing any earlier one. */
    void putReplicationConfiguration(String accountId, String configuration, long now);

    Optional<String> replicationConfiguration(String accountId);

    /**
     * Queues the image for each destination, IN_PROGRESS and due at {@code now}. An item already
     * kept for the same image, tag and destination starts over (its claim, attempts and outcome are
     * dropped, so a worker still copying it cannot finish it).
     */
    void enqueueReplications(String accountId, String repository, String digest, String tag, List<Destination> destinations, long now);

    /**
     * Claims up to {@code limit} IN_PROGRESS items due at {@code now} whose claim (if any) has lapsed,
     * oldest due first, for {@code worker} until {@code claimUntil}, counting an attempt on each. An
     * item is returned to one worker only, however many claim at once (here or on other nodes).
     */
    List<ReplicationItem> claimReplications(String worker, long now, long claimUntil, int limit);

    /**
     * Extends {@code worker}'s claim on the item to {@code claimUntil} (a long copy keeps its item).
     *
     * @return false (and nothing changed) when {@code worker} no longer holds the item's claim
     */
    boolean renewReplication(long id, String worker, long claimUntil);

    /**
     * Ends the item as {@code status} (COMPLETE or FAILED, with {@code failureCode} for FAILED) and
     * releases the claim.
     *
     * @return false (and nothing changed) when {@code worker} no longer holds the item's claim
     */
    boolean finishReplication(long id, String worker, String status, String failureCode, long now);

    /**
     * Releases the claim and makes the item due again at {@code at}, still IN_PROGRESS; {@code error}
     * is kept for operators (no secrets).
     *
     * @return false (and nothing changed) when {@code worker} no longer holds the item's claim
     */
    boolean retryReplication(long id, String worker, long at, String error, long now);

    /** Every item kept for the image in the registry's repository, oldest first. */
    List<ReplicationItem> replicationItems(String accountId, String repository, String digest);

    /** Items not yet ended, all registries together. */
    long pendingReplications();
}
