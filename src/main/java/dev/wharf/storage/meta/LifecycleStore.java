package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Lifecycle policies and their previews. Part of {@link MetadataStore}; same transactional promises. */
public interface LifecycleStore {

    Optional<Rows.LifecyclePolicy> findLifecyclePolicy(long repositoryId);

    void putLifecyclePolicy(Rows.LifecyclePolicy policy);

    /** @return true when a policy was removed */
    boolean deleteLifecyclePolicy(long repositoryId);

    /** Every stored lifecycle policy, for the scheduler. */
    List<Rows.LifecyclePolicy> listLifecyclePolicies();

    void markLifecycleEvaluated(long repositoryId, long at);

    Optional<Rows.LifecyclePreview> findLifecyclePreview(long repositoryId);

    void putLifecyclePreview(Rows.LifecyclePreview preview);
}
