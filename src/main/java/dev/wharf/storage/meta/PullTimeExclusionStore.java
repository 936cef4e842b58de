package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Pull-time update exclusions: per registry, the principals whose pulls record no pull time. Part of {@link MetadataStore}. */
public interface PullTimeExclusionStore {

    /** One excluded principal of one registry. */
    record ExclusionRow(String accountId, String principalArn, long createdAt) {}

    /**
     * @throws DuplicateException the principal is already excluded in this registry
     * @throws LimitException the registry already has {@code maxPerAccount} exclusions
     */
    void createPullTimeExclusion(ExclusionRow exclusion, int maxPerAccount);

    Optional<ExclusionRow> findPullTimeExclusion(String accountId, String principalArn);

    /** The registry's exclusions with an ARN after {@code afterArn} (null: from the first), by ARN, at most {@code limit}. */
    List<ExclusionRow> listPullTimeExclusions(String accountId, String afterArn, int limit);

    /** @return true when an exclusion was removed */
    boolean deletePullTimeExclusion(String accountId, String principalArn);
}
