package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets Manager secrets: one row per secret, its versions (each value already encrypted by the
 * caller, never seen in clear text here) and its staging labels, each naming one version of its
 * secret. Part of {@link MetadataStore}.
 *
 * <p>Every write to a secret bumps its {@code revision}. Writes that replace versions or labels
 * take the revision they were computed from and do nothing when it moved (a compare-and-set, atomic
 * on SQLite and on PostgreSQL at READ COMMITTED), so the caller decides the label moves and retries
 * on a fresh read. This store enforces no rule about which labels move where; that is the caller's.
 */
public interface SecretStore {

    /** A secret. {@code tags} is the caller's JSON text; times are epoch milliseconds; {@code deletionDate} null unless scheduled. */
    record SecretRow(String arn, String accountId, String name, String description, String tags, long createdAt,
                     long lastChangedAt, Long lastAccessedAt, Long deletionDate, long revision) {}

    /** One version of a secret: its value as the caller encrypted it, and whether that value is binary. */
    record SecretVersionRow(String secretArn, String versionId, String valueEnc, boolean binary, long createdAt) {
        @Override
        public String toString() {
            return "SecretVersionRow[" + secretArn + " " + versionId + "]"; // the ciphertext is nobody's business in a log
        }
    }

    /** What {@link #listSecrets} orders by: each a column with the secret's ARN as the tie-breaker. */
    enum SecretOrder { CREATED, LAST_CHANGED, LAST_ACCESSED, NAME }

    /**
     * Where a page of {@link #listSecrets} starts: after the secret with this sort value and ARN. The
     * value is {@code name} when ordering by name, else {@code time}.
     */
    record SecretCursor(long time, String name, String arn) {}

    /**
     * Creates the secret with its first version (or none) and the labels naming it, in one
     * transaction. A secret of the same account and name whose deletion date is at or before
     * {@code now} is purged first (it is gone).
     *
     * @param stages label → version id; every version id must be {@code first}'s
     * @throws DuplicateException the account has a secret of that name (scheduled for deletion or not)
     * @throws LimitException the account already has {@code maxPerAccount} secrets
     */
    void createSecret(SecretRow secret, SecretVersionRow first, Map<String, String> stages, long now, int maxPerAccount);

    /** The account's secret of that name, whatever its deletion date. */
    Optional<SecretRow> findSecretByName(String accountId, String name);

    /** The secret with exactly this ARN, whatever its deletion date. */
    Optional<SecretRow> findSecretByArn(String arn);

    Optional<SecretVersionRow> findSecretVersion(String secretArn, String versionId);

    /** The secret's labels: label → version id. */
    Map<String, String> secretStages(String secretArn);

    /**
     * Adds {@code version} (when not null) and replaces all the secret's labels with {@code stages},
     * bumping the revision and setting the last-changed time, if the secret is still at
     * {@code expectedRevision} and not scheduled for deletion. Versions no label names beyond the
     * {@code keepVersions} newest (by creation time) are then removed.
     *
     * @return false when nothing was written: the secret moved on, was scheduled for deletion, or is gone
     * @throws DuplicateException the secret already has a version of that id
     */
    boolean putSecretVersion(String secretArn, long expectedRevision, SecretVersionRow version, Map<String, String> stages,
                             long changedAt, int keepVersions);

    /**
     * Sets the deletion date of a secret not yet scheduled for deletion.
     *
     * @return false when the secret is gone or already scheduled
     */
    boolean scheduleSecretDeletion(String secretArn, long deletionDate, long changedAt);

    /** Removes the secret, its versions and labels at once. @return false when there was none */
    boolean deleteSecret(String secretArn);

    /**
     * Records an access on {@code day} (epoch milliseconds of its start) unless one on that day or
     * later is recorded already, so that reading a secret writes at most once a day.
     */
    void recordSecretAccess(String secretArn, long day);

    /**
     * The account's secrets ordered by {@code order} then ARN (descending both when
     * {@code descending}), starting after {@code after} (null: from the first), at most
     * {@code limit}. Secrets scheduled for deletion are included: the caller decides. A secret never
     * accessed sorts as accessed at time 0.
     */
    List<SecretRow> listSecrets(String accountId, SecretOrder order, boolean descending, SecretCursor after, int limit);
}
