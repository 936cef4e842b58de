package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * Pull through cache rules, and when each cached tag was last compared with its upstream. Part of
 * {@link MetadataStore}; same transactional promises. The rules' meaning and validation belong to
 * {@code registry.PullThroughCache}; here they are rows.
 */
public interface PullThroughCacheStore {

    /**
     * One rule of one registry, keyed by its repository prefix ({@code ROOT} or a namespace without the
     * trailing slash). {@code upstreamRegistry}, {@code credentialArn}, {@code customRoleArn} and
     * {@code upstreamPrefix} may be null.
     */
    record RuleRow(String accountId, String prefix, String upstreamUrl, String upstreamRegistry, String credentialArn,
                   String customRoleArn, String upstreamPrefix, long createdAt, long updatedAt) {}

    /**
     * @throws DuplicateException the registry already has a rule with this prefix
     * @throws LimitException the registry already has {@code maxPerAccount} rules
     */
    void createPullThroughCacheRule(RuleRow rule, int maxPerAccount);

    Optional<RuleRow> findPullThroughCacheRule(String accountId, String prefix);

    /** The registry's rules with a prefix after {@code afterPrefix} (null: from the first), by prefix, at most {@code limit}. */
    List<RuleRow> listPullThroughCacheRules(String accountId, String afterPrefix, int limit);

    /**
     * Replaces the {@code credentialArn}, {@code customRoleArn} and {@code updatedAt} of the rule with
     * this account and prefix (the other members are its identity and stay); false when there is none.
     */
    boolean updatePullThroughCacheRule(RuleRow rule);

    /** @return true when a rule was removed */
    boolean deletePullThroughCacheRule(String accountId, String prefix);

    /** When the tag of this repository was last compared with its upstream (epoch ms), if ever. */
    Optional<Long> findUpstreamCheck(long repositoryId, String tag);

    /** Records that the tag was compared with its upstream at {@code checkedAt}; the row goes with its repository. */
    void putUpstreamCheck(long repositoryId, String tag, long checkedAt);
}
