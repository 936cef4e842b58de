package dev.wharf.storage.meta;

// Generated from MetadataStore by StoreForwarderSource: do not edit. StoreForwardersTest fails when
// the interface changed, and says how to generate it again.

/** {@link MetadataStore} calls handed to a {@link StoreHandler} ({@link StoreCall} says why). */
@SuppressWarnings("unchecked")
public final class MetadataStoreForwarder implements MetadataStore {
    /**
     * Each method of the interface, in this class's order, with a call of it of its own: one small method
     * each, so that the compilers never make one unit of every store method (docs/performance.md,
     * "Warm start: the stores' wrappers without proxies").
     */
    static final StoreCall[] CALLS = {
        StoreCall.of(MetadataStore.class, "accountBytesWith", (s, a) -> ((MetadataStore) s).accountBytesWith((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2])),
        StoreCall.of(MetadataStore.class, "accountLimits", (s, a) -> ((MetadataStore) s).accountLimits((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "accountSetting", (s, a) -> ((MetadataStore) s).accountSetting((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "accountUsage", (s, a) -> ((MetadataStore) s).accountUsage()),
        StoreCall.of(MetadataStore.class, "acquireLease", (s, a) -> ((MetadataStore) s).acquireLease((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3])),
        StoreCall.of(MetadataStore.class, "advanceUpload", (s, a) -> ((MetadataStore) s).advanceUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3], (int) a[4], (long) a[5])),
        StoreCall.of(MetadataStore.class, "blobContent", (s, a) -> ((MetadataStore) s).blobContent((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "blobContentDigests", (s, a) -> ((MetadataStore) s).blobContentDigests()),
        StoreCall.of(MetadataStore.class, "blobContentSize", (s, a) -> ((MetadataStore) s).blobContentSize((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "claimDeletions", (s, a) -> ((MetadataStore) s).claimDeletions((java.lang.String) a[0], (long) a[1], (long) a[2], (int) a[3])),
        StoreCall.of(MetadataStore.class, "claimReplications", (s, a) -> ((MetadataStore) s).claimReplications((java.lang.String) a[0], (long) a[1], (long) a[2], (int) a[3])),
        StoreCall.of(MetadataStore.class, "claimUpload", (s, a) -> ((MetadataStore) s).claimUpload((java.lang.String) a[0], (long) a[1], (java.lang.String) a[2], (long) a[3], (long) a[4])),
        StoreCall.of(MetadataStore.class, "close", (s, a) -> {
            ((MetadataStore) s).close();
            return null;
        }),
        StoreCall.of(MetadataStore.class, "completeEmptyUpload", (s, a) -> ((MetadataStore) s).completeEmptyUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4], (long) a[5])),
        StoreCall.of(MetadataStore.class, "completeUpload", (s, a) -> ((MetadataStore) s).completeUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4])),
        StoreCall.of(MetadataStore.class, "completeWithContent", (s, a) -> ((MetadataStore) s).completeWithContent((java.lang.String) a[0], (long) a[1], (dev.wharf.storage.meta.Rows.Blob) a[2], (byte[]) a[3], (int) a[4], (long) a[5], (long) a[6])),
        StoreCall.of(MetadataStore.class, "countManifests", (s, a) -> ((MetadataStore) s).countManifests((long) a[0])),
        StoreCall.of(MetadataStore.class, "countRepositories", (s, a) -> ((MetadataStore) s).countRepositories((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "createAccessKey", (s, a) -> {
            ((MetadataStore) s).createAccessKey((dev.wharf.storage.meta.Rows.AccessKey) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createAccount", (s, a) -> {
            ((MetadataStore) s).createAccount((dev.wharf.storage.meta.Rows.Account) a[0], (dev.wharf.storage.meta.Rows.AccessKey) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createCreationTemplate", (s, a) -> {
            ((MetadataStore) s).createCreationTemplate((dev.wharf.storage.meta.CreationTemplateStore.TemplateRow) a[0], (int) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createPullThroughCacheRule", (s, a) -> {
            ((MetadataStore) s).createPullThroughCacheRule((dev.wharf.storage.meta.PullThroughCacheStore.RuleRow) a[0], (int) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createPullTimeExclusion", (s, a) -> {
            ((MetadataStore) s).createPullTimeExclusion((dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow) a[0], (int) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createRepository", (s, a) -> ((MetadataStore) s).createRepository((dev.wharf.storage.meta.Rows.NewRepository) a[0], (int) a[1])),
        StoreCall.of(MetadataStore.class, "createRepositoryWithPolicies", (s, a) -> ((MetadataStore) s).createRepositoryWithPolicies((dev.wharf.storage.meta.Rows.NewRepository) a[0], (int) a[1], (java.lang.String) a[2], (java.lang.String) a[3])),
        StoreCall.of(MetadataStore.class, "createSecret", (s, a) -> {
            ((MetadataStore) s).createSecret((dev.wharf.storage.meta.SecretStore.SecretRow) a[0], (dev.wharf.storage.meta.SecretStore.SecretVersionRow) a[1], (java.util.Map<java.lang.String, java.lang.String>) a[2], (long) a[3], (int) a[4]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "createUpload", (s, a) -> ((MetadataStore) s).createUpload((dev.wharf.storage.meta.Rows.Upload) a[0], (int) a[1])),
        StoreCall.of(MetadataStore.class, "defaultAccount", (s, a) -> ((MetadataStore) s).defaultAccount()),
        StoreCall.of(MetadataStore.class, "deleteAccount", (s, a) -> ((MetadataStore) s).deleteAccount((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "deleteAccountLimit", (s, a) -> ((MetadataStore) s).deleteAccountLimit((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deleteBlobContents", (s, a) -> ((MetadataStore) s).deleteBlobContents((java.util.List<java.lang.String>) a[0])),
        StoreCall.of(MetadataStore.class, "deleteBlobIfUnlinked", (s, a) -> ((MetadataStore) s).deleteBlobIfUnlinked((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "deleteCreationTemplate", (s, a) -> ((MetadataStore) s).deleteCreationTemplate((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deleteLifecyclePolicy", (s, a) -> ((MetadataStore) s).deleteLifecyclePolicy((long) a[0])),
        StoreCall.of(MetadataStore.class, "deleteManifest", (s, a) -> ((MetadataStore) s).deleteManifest((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deleteOrphanManifests", (s, a) -> ((MetadataStore) s).deleteOrphanManifests((long) a[0], (int) a[1])),
        StoreCall.of(MetadataStore.class, "deletePullThroughCacheRule", (s, a) -> ((MetadataStore) s).deletePullThroughCacheRule((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deletePullTimeExclusion", (s, a) -> ((MetadataStore) s).deletePullTimeExclusion((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deleteRepository", (s, a) -> ((MetadataStore) s).deleteRepository((long) a[0])),
        StoreCall.of(MetadataStore.class, "deleteSecret", (s, a) -> ((MetadataStore) s).deleteSecret((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "deleteTag", (s, a) -> ((MetadataStore) s).deleteTag((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "deleteUnreferencedLinks", (s, a) -> ((MetadataStore) s).deleteUnreferencedLinks((long) a[0], (int) a[1])),
        StoreCall.of(MetadataStore.class, "deleteUpload", (s, a) -> ((MetadataStore) s).deleteUpload((java.lang.String) a[0], (long) a[1])),
        StoreCall.of(MetadataStore.class, "enqueueReplications", (s, a) -> {
            ((MetadataStore) s).enqueueReplications((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (java.util.List<dev.wharf.storage.meta.ReplicationStore.Destination>) a[4], (long) a[5]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "findAccessKey", (s, a) -> ((MetadataStore) s).findAccessKey((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findAccount", (s, a) -> ((MetadataStore) s).findAccount((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findBlob", (s, a) -> ((MetadataStore) s).findBlob((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findCreationTemplate", (s, a) -> ((MetadataStore) s).findCreationTemplate((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findImageArchive", (s, a) -> ((MetadataStore) s).findImageArchive((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findLayerParts", (s, a) -> ((MetadataStore) s).findLayerParts((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findLifecyclePolicy", (s, a) -> ((MetadataStore) s).findLifecyclePolicy((long) a[0])),
        StoreCall.of(MetadataStore.class, "findLifecyclePreview", (s, a) -> ((MetadataStore) s).findLifecyclePreview((long) a[0])),
        StoreCall.of(MetadataStore.class, "findLinkedBlob", (s, a) -> ((MetadataStore) s).findLinkedBlob((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findLinkedBlobs", (s, a) -> ((MetadataStore) s).findLinkedBlobs((long) a[0], (java.util.List<java.lang.String>) a[1])),
        StoreCall.of(MetadataStore.class, "findManifest", (s, a) -> ((MetadataStore) s).findManifest((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findPullThroughCacheRule", (s, a) -> ((MetadataStore) s).findPullThroughCacheRule((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findPullTimeExclusion", (s, a) -> ((MetadataStore) s).findPullTimeExclusion((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findRepository", (s, a) -> ((MetadataStore) s).findRepository((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findSecretByArn", (s, a) -> ((MetadataStore) s).findSecretByArn((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findSecretByName", (s, a) -> ((MetadataStore) s).findSecretByName((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findSecretVersion", (s, a) -> ((MetadataStore) s).findSecretVersion((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findTag", (s, a) -> ((MetadataStore) s).findTag((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "findUpload", (s, a) -> ((MetadataStore) s).findUpload((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "findUpstreamCheck", (s, a) -> ((MetadataStore) s).findUpstreamCheck((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "finishDeletions", (s, a) -> ((MetadataStore) s).finishDeletions((java.lang.String) a[0], (java.util.List<java.lang.String>) a[1])),
        StoreCall.of(MetadataStore.class, "finishReplication", (s, a) -> ((MetadataStore) s).finishReplication((long) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (long) a[4])),
        StoreCall.of(MetadataStore.class, "indexChildren", (s, a) -> ((MetadataStore) s).indexChildren((long) a[0])),
        StoreCall.of(MetadataStore.class, "isBlobReferenced", (s, a) -> ((MetadataStore) s).isBlobReferenced((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "lease", (s, a) -> ((MetadataStore) s).lease((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "linkBlob", (s, a) -> ((MetadataStore) s).linkBlob((long) a[0], (dev.wharf.storage.meta.Rows.Blob) a[1], (long) a[2])),
        StoreCall.of(MetadataStore.class, "linkExistingBlob", (s, a) -> ((MetadataStore) s).linkExistingBlob((long) a[0], (java.lang.String) a[1], (long) a[2])),
        StoreCall.of(MetadataStore.class, "listAccounts", (s, a) -> ((MetadataStore) s).listAccounts()),
        StoreCall.of(MetadataStore.class, "listCreationTemplates", (s, a) -> ((MetadataStore) s).listCreationTemplates((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "listImageArchives", (s, a) -> ((MetadataStore) s).listImageArchives((long) a[0])),
        StoreCall.of(MetadataStore.class, "listImages", (s, a) -> ((MetadataStore) s).listImages((long) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "listLifecyclePolicies", (s, a) -> ((MetadataStore) s).listLifecyclePolicies()),
        StoreCall.of(MetadataStore.class, "listPullThroughCacheRules", (s, a) -> ((MetadataStore) s).listPullThroughCacheRules((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "listPullTimeExclusions", (s, a) -> ((MetadataStore) s).listPullTimeExclusions((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "listReferrers", (s, a) -> ((MetadataStore) s).listReferrers((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "listRepositories", (s, a) -> ((MetadataStore) s).listRepositories((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "listSecrets", (s, a) -> ((MetadataStore) s).listSecrets((java.lang.String) a[0], (dev.wharf.storage.meta.SecretStore.SecretOrder) a[1], (boolean) a[2], (dev.wharf.storage.meta.SecretStore.SecretCursor) a[3], (int) a[4])),
        StoreCall.of(MetadataStore.class, "listTags", (s, a) -> ((MetadataStore) s).listTags((long) a[0], (java.lang.String) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "markLifecycleEvaluated", (s, a) -> {
            ((MetadataStore) s).markLifecycleEvaluated((long) a[0], (long) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "parentsOf", (s, a) -> ((MetadataStore) s).parentsOf((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "pendingReplications", (s, a) -> ((MetadataStore) s).pendingReplications()),
        StoreCall.of(MetadataStore.class, "pinBlob", (s, a) -> ((MetadataStore) s).pinBlob((dev.wharf.storage.meta.Rows.Blob) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3])),
        StoreCall.of(MetadataStore.class, "previewGarbage", (s, a) -> ((MetadataStore) s).previewGarbage((long) a[0], (long) a[1])),
        StoreCall.of(MetadataStore.class, "purgeEndedUploads", (s, a) -> ((MetadataStore) s).purgeEndedUploads((long) a[0])),
        StoreCall.of(MetadataStore.class, "putAccountLimit", (s, a) -> {
            ((MetadataStore) s).putAccountLimit((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putAccountSetting", (s, a) -> {
            ((MetadataStore) s).putAccountSetting((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putImageArchive", (s, a) -> {
            ((MetadataStore) s).putImageArchive((dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putLayerParts", (s, a) -> {
            ((MetadataStore) s).putLayerParts((dev.wharf.storage.meta.Rows.LayerParts) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putLifecyclePolicy", (s, a) -> {
            ((MetadataStore) s).putLifecyclePolicy((dev.wharf.storage.meta.Rows.LifecyclePolicy) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putLifecyclePreview", (s, a) -> {
            ((MetadataStore) s).putLifecyclePreview((dev.wharf.storage.meta.Rows.LifecyclePreview) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putManifest", (s, a) -> ((MetadataStore) s).putManifest((dev.wharf.storage.meta.Rows.Manifest) a[0], (java.util.List<dev.wharf.storage.meta.Rows.Reference>) a[1], (java.lang.String) a[2], (boolean) a[3], (int) a[4])),
        StoreCall.of(MetadataStore.class, "putReplicationConfiguration", (s, a) -> {
            ((MetadataStore) s).putReplicationConfiguration((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putRepositoryTags", (s, a) -> {
            ((MetadataStore) s).putRepositoryTags((long) a[0], (java.util.Map<java.lang.String, java.lang.String>) a[1], (int) a[2]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putSecretVersion", (s, a) -> ((MetadataStore) s).putSecretVersion((java.lang.String) a[0], (long) a[1], (dev.wharf.storage.meta.SecretStore.SecretVersionRow) a[2], (java.util.Map<java.lang.String, java.lang.String>) a[3], (long) a[4], (int) a[5])),
        StoreCall.of(MetadataStore.class, "putSetting", (s, a) -> {
            ((MetadataStore) s).putSetting((java.lang.String) a[0], (java.lang.String) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "putUpstreamCheck", (s, a) -> {
            ((MetadataStore) s).putUpstreamCheck((long) a[0], (java.lang.String) a[1], (long) a[2]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "queueUnlinkedBlobs", (s, a) -> ((MetadataStore) s).queueUnlinkedBlobs((long) a[0], (long) a[1], (int) a[2])),
        StoreCall.of(MetadataStore.class, "recordPulls", (s, a) -> {
            ((MetadataStore) s).recordPulls((long) a[0], (java.util.Map<java.lang.String, java.lang.Long>) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "recordSecretAccess", (s, a) -> {
            ((MetadataStore) s).recordSecretAccess((java.lang.String) a[0], (long) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "releaseLease", (s, a) -> {
            ((MetadataStore) s).releaseLease((java.lang.String) a[0], (java.lang.String) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "releaseUpload", (s, a) -> {
            ((MetadataStore) s).releaseUpload((java.lang.String) a[0], (java.lang.String) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "removeRepositoryTags", (s, a) -> {
            ((MetadataStore) s).removeRepositoryTags((long) a[0], (java.util.List<java.lang.String>) a[1]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "renewReplication", (s, a) -> ((MetadataStore) s).renewReplication((long) a[0], (java.lang.String) a[1], (long) a[2])),
        StoreCall.of(MetadataStore.class, "replicationConfiguration", (s, a) -> ((MetadataStore) s).replicationConfiguration((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "replicationItems", (s, a) -> ((MetadataStore) s).replicationItems((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2])),
        StoreCall.of(MetadataStore.class, "repositoryTags", (s, a) -> ((MetadataStore) s).repositoryTags((long) a[0])),
        StoreCall.of(MetadataStore.class, "repositoryUsage", (s, a) -> ((MetadataStore) s).repositoryUsage()),
        StoreCall.of(MetadataStore.class, "retryReplication", (s, a) -> ((MetadataStore) s).retryReplication((long) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4])),
        StoreCall.of(MetadataStore.class, "scheduleSecretDeletion", (s, a) -> ((MetadataStore) s).scheduleSecretDeletion((java.lang.String) a[0], (long) a[1], (long) a[2])),
        StoreCall.of(MetadataStore.class, "secretStages", (s, a) -> ((MetadataStore) s).secretStages((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "setting", (s, a) -> ((MetadataStore) s).setting((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "tagsOf", (s, a) -> ((MetadataStore) s).tagsOf((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "unlinkBlob", (s, a) -> ((MetadataStore) s).unlinkBlob((long) a[0], (java.lang.String) a[1])),
        StoreCall.of(MetadataStore.class, "unlinkedBlobs", (s, a) -> ((MetadataStore) s).unlinkedBlobs((long) a[0], (int) a[1])),
        StoreCall.of(MetadataStore.class, "unpinBlob", (s, a) -> {
            ((MetadataStore) s).unpinBlob((java.lang.String) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "updateCreationTemplate", (s, a) -> ((MetadataStore) s).updateCreationTemplate((dev.wharf.storage.meta.CreationTemplateStore.TemplateRow) a[0])),
        StoreCall.of(MetadataStore.class, "updatePullThroughCacheRule", (s, a) -> ((MetadataStore) s).updatePullThroughCacheRule((dev.wharf.storage.meta.PullThroughCacheStore.RuleRow) a[0])),
        StoreCall.of(MetadataStore.class, "updateRepository", (s, a) -> {
            ((MetadataStore) s).updateRepository((dev.wharf.storage.meta.Rows.Repository) a[0]);
            return null;
        }),
        StoreCall.of(MetadataStore.class, "uploadEnded", (s, a) -> ((MetadataStore) s).uploadEnded((java.lang.String) a[0])),
        StoreCall.of(MetadataStore.class, "uploadsUpdatedBefore", (s, a) -> ((MetadataStore) s).uploadsUpdatedBefore((long) a[0]))
    };
    private static final Object[] NO_ARGS = {};
    private final StoreHandler handler;

    public MetadataStoreForwarder(StoreHandler handler) {
        this.handler = handler;
    }

    @Override
    public long accountBytesWith(java.lang.String a0, java.lang.String a1, long a2) {
        return (Long) handler.handle(CALLS[0], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.Long> accountLimits(java.lang.String a0) {
        return (java.util.Map<java.lang.String, java.lang.Long>) handler.handle(CALLS[1], new Object[] {a0});
    }

    @Override
    public java.util.Optional<java.lang.String> accountSetting(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[2], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.GcStore.AccountUsage> accountUsage() {
        return (java.util.List<dev.wharf.storage.meta.GcStore.AccountUsage>) handler.handle(CALLS[3], NO_ARGS);
    }

    @Override
    public boolean acquireLease(java.lang.String a0, java.lang.String a1, long a2, long a3) {
        return (Boolean) handler.handle(CALLS[4], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public boolean advanceUpload(java.lang.String a0, java.lang.String a1, long a2, long a3, int a4, long a5) {
        return (Boolean) handler.handle(CALLS[5], new Object[] {a0, a1, a2, a3, a4, a5});
    }

    @Override
    public java.util.Optional<byte[]> blobContent(java.lang.String a0) {
        return (java.util.Optional<byte[]>) handler.handle(CALLS[6], new Object[] {a0});
    }

    @Override
    public java.util.List<java.lang.String> blobContentDigests() {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[7], NO_ARGS);
    }

    @Override
    public java.util.OptionalLong blobContentSize(java.lang.String a0) {
        return (java.util.OptionalLong) handler.handle(CALLS[8], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.GcStore.QueuedDeletion> claimDeletions(java.lang.String a0, long a1, long a2, int a3) {
        return (java.util.List<dev.wharf.storage.meta.GcStore.QueuedDeletion>) handler.handle(CALLS[9], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.ReplicationStore.ReplicationItem> claimReplications(java.lang.String a0, long a1, long a2, int a3) {
        return (java.util.List<dev.wharf.storage.meta.ReplicationStore.ReplicationItem>) handler.handle(CALLS[10], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public boolean claimUpload(java.lang.String a0, long a1, java.lang.String a2, long a3, long a4) {
        return (Boolean) handler.handle(CALLS[11], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public void close() {
        handler.handle(CALLS[12], NO_ARGS);
    }

    @Override
    public dev.wharf.storage.meta.UploadStore.Completion completeEmptyUpload(java.lang.String a0, java.lang.String a1, long a2, java.lang.String a3, long a4, long a5) {
        return (dev.wharf.storage.meta.UploadStore.Completion) handler.handle(CALLS[13], new Object[] {a0, a1, a2, a3, a4, a5});
    }

    @Override
    public dev.wharf.storage.meta.UploadStore.Completion completeUpload(java.lang.String a0, java.lang.String a1, long a2, java.lang.String a3, long a4) {
        return (dev.wharf.storage.meta.UploadStore.Completion) handler.handle(CALLS[14], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public dev.wharf.storage.meta.UploadStore.Completion completeWithContent(java.lang.String a0, long a1, dev.wharf.storage.meta.Rows.Blob a2, byte[] a3, int a4, long a5, long a6) {
        return (dev.wharf.storage.meta.UploadStore.Completion) handler.handle(CALLS[15], new Object[] {a0, a1, a2, a3, a4, a5, a6});
    }

    @Override
    public int countManifests(long a0) {
        return (Integer) handler.handle(CALLS[16], new Object[] {a0});
    }

    @Override
    public int countRepositories(java.lang.String a0) {
        return (Integer) handler.handle(CALLS[17], new Object[] {a0});
    }

    @Override
    public void createAccessKey(dev.wharf.storage.meta.Rows.AccessKey a0) {
        handler.handle(CALLS[18], new Object[] {a0});
    }

    @Override
    public void createAccount(dev.wharf.storage.meta.Rows.Account a0, dev.wharf.storage.meta.Rows.AccessKey a1) {
        handler.handle(CALLS[19], new Object[] {a0, a1});
    }

    @Override
    public void createCreationTemplate(dev.wharf.storage.meta.CreationTemplateStore.TemplateRow a0, int a1) {
        handler.handle(CALLS[20], new Object[] {a0, a1});
    }

    @Override
    public void createPullThroughCacheRule(dev.wharf.storage.meta.PullThroughCacheStore.RuleRow a0, int a1) {
        handler.handle(CALLS[21], new Object[] {a0, a1});
    }

    @Override
    public void createPullTimeExclusion(dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow a0, int a1) {
        handler.handle(CALLS[22], new Object[] {a0, a1});
    }

    @Override
    public dev.wharf.storage.meta.Rows.Repository createRepository(dev.wharf.storage.meta.Rows.NewRepository a0, int a1) {
        return (dev.wharf.storage.meta.Rows.Repository) handler.handle(CALLS[23], new Object[] {a0, a1});
    }

    @Override
    public dev.wharf.storage.meta.Rows.Repository createRepositoryWithPolicies(dev.wharf.storage.meta.Rows.NewRepository a0, int a1, java.lang.String a2, java.lang.String a3) {
        return (dev.wharf.storage.meta.Rows.Repository) handler.handle(CALLS[24], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public void createSecret(dev.wharf.storage.meta.SecretStore.SecretRow a0, dev.wharf.storage.meta.SecretStore.SecretVersionRow a1, java.util.Map<java.lang.String, java.lang.String> a2, long a3, int a4) {
        handler.handle(CALLS[25], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public boolean createUpload(dev.wharf.storage.meta.Rows.Upload a0, int a1) {
        return (Boolean) handler.handle(CALLS[26], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Account> defaultAccount() {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Account>) handler.handle(CALLS[27], NO_ARGS);
    }

    @Override
    public boolean deleteAccount(java.lang.String a0) {
        return (Boolean) handler.handle(CALLS[28], new Object[] {a0});
    }

    @Override
    public boolean deleteAccountLimit(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[29], new Object[] {a0, a1});
    }

    @Override
    public int deleteBlobContents(java.util.List<java.lang.String> a0) {
        return (Integer) handler.handle(CALLS[30], new Object[] {a0});
    }

    @Override
    public boolean deleteBlobIfUnlinked(java.lang.String a0) {
        return (Boolean) handler.handle(CALLS[31], new Object[] {a0});
    }

    @Override
    public boolean deleteCreationTemplate(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[32], new Object[] {a0, a1});
    }

    @Override
    public boolean deleteLifecyclePolicy(long a0) {
        return (Boolean) handler.handle(CALLS[33], new Object[] {a0});
    }

    @Override
    public boolean deleteManifest(long a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[34], new Object[] {a0, a1});
    }

    @Override
    public int deleteOrphanManifests(long a0, int a1) {
        return (Integer) handler.handle(CALLS[35], new Object[] {a0, a1});
    }

    @Override
    public boolean deletePullThroughCacheRule(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[36], new Object[] {a0, a1});
    }

    @Override
    public boolean deletePullTimeExclusion(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[37], new Object[] {a0, a1});
    }

    @Override
    public boolean deleteRepository(long a0) {
        return (Boolean) handler.handle(CALLS[38], new Object[] {a0});
    }

    @Override
    public boolean deleteSecret(java.lang.String a0) {
        return (Boolean) handler.handle(CALLS[39], new Object[] {a0});
    }

    @Override
    public boolean deleteTag(long a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[40], new Object[] {a0, a1});
    }

    @Override
    public int deleteUnreferencedLinks(long a0, int a1) {
        return (Integer) handler.handle(CALLS[41], new Object[] {a0, a1});
    }

    @Override
    public boolean deleteUpload(java.lang.String a0, long a1) {
        return (Boolean) handler.handle(CALLS[42], new Object[] {a0, a1});
    }

    @Override
    public void enqueueReplications(java.lang.String a0, java.lang.String a1, java.lang.String a2, java.lang.String a3, java.util.List<dev.wharf.storage.meta.ReplicationStore.Destination> a4, long a5) {
        handler.handle(CALLS[43], new Object[] {a0, a1, a2, a3, a4, a5});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.AccessKey> findAccessKey(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.AccessKey>) handler.handle(CALLS[44], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Account> findAccount(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Account>) handler.handle(CALLS[45], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Blob> findBlob(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Blob>) handler.handle(CALLS[46], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.CreationTemplateStore.TemplateRow> findCreationTemplate(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.CreationTemplateStore.TemplateRow>) handler.handle(CALLS[47], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow> findImageArchive(long a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow>) handler.handle(CALLS[48], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.LayerParts> findLayerParts(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.LayerParts>) handler.handle(CALLS[49], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.LifecyclePolicy> findLifecyclePolicy(long a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.LifecyclePolicy>) handler.handle(CALLS[50], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.LifecyclePreview> findLifecyclePreview(long a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.LifecyclePreview>) handler.handle(CALLS[51], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Blob> findLinkedBlob(long a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Blob>) handler.handle(CALLS[52], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Blob> findLinkedBlobs(long a0, java.util.List<java.lang.String> a1) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Blob>) handler.handle(CALLS[53], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Manifest> findManifest(long a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Manifest>) handler.handle(CALLS[54], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.PullThroughCacheStore.RuleRow> findPullThroughCacheRule(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.PullThroughCacheStore.RuleRow>) handler.handle(CALLS[55], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow> findPullTimeExclusion(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow>) handler.handle(CALLS[56], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Repository> findRepository(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Repository>) handler.handle(CALLS[57], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretRow> findSecretByArn(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretRow>) handler.handle(CALLS[58], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretRow> findSecretByName(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretRow>) handler.handle(CALLS[59], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretVersionRow> findSecretVersion(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.SecretStore.SecretVersionRow>) handler.handle(CALLS[60], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Tag> findTag(long a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Tag>) handler.handle(CALLS[61], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.Rows.Upload> findUpload(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.Rows.Upload>) handler.handle(CALLS[62], new Object[] {a0});
    }

    @Override
    public java.util.Optional<java.lang.Long> findUpstreamCheck(long a0, java.lang.String a1) {
        return (java.util.Optional<java.lang.Long>) handler.handle(CALLS[63], new Object[] {a0, a1});
    }

    @Override
    public int finishDeletions(java.lang.String a0, java.util.List<java.lang.String> a1) {
        return (Integer) handler.handle(CALLS[64], new Object[] {a0, a1});
    }

    @Override
    public boolean finishReplication(long a0, java.lang.String a1, java.lang.String a2, java.lang.String a3, long a4) {
        return (Boolean) handler.handle(CALLS[65], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public java.util.Map<java.lang.String, java.util.List<java.lang.String>> indexChildren(long a0) {
        return (java.util.Map<java.lang.String, java.util.List<java.lang.String>>) handler.handle(CALLS[66], new Object[] {a0});
    }

    @Override
    public boolean isBlobReferenced(long a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[67], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.GcStore.Lease> lease(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.GcStore.Lease>) handler.handle(CALLS[68], new Object[] {a0});
    }

    @Override
    public boolean linkBlob(long a0, dev.wharf.storage.meta.Rows.Blob a1, long a2) {
        return (Boolean) handler.handle(CALLS[69], new Object[] {a0, a1, a2});
    }

    @Override
    public boolean linkExistingBlob(long a0, java.lang.String a1, long a2) {
        return (Boolean) handler.handle(CALLS[70], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Account> listAccounts() {
        return (java.util.List<dev.wharf.storage.meta.Rows.Account>) handler.handle(CALLS[71], NO_ARGS);
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.CreationTemplateStore.TemplateRow> listCreationTemplates(java.lang.String a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.CreationTemplateStore.TemplateRow>) handler.handle(CALLS[72], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow> listImageArchives(long a0) {
        return (java.util.List<dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow>) handler.handle(CALLS[73], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Image> listImages(long a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Image>) handler.handle(CALLS[74], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.LifecyclePolicy> listLifecyclePolicies() {
        return (java.util.List<dev.wharf.storage.meta.Rows.LifecyclePolicy>) handler.handle(CALLS[75], NO_ARGS);
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.PullThroughCacheStore.RuleRow> listPullThroughCacheRules(java.lang.String a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.PullThroughCacheStore.RuleRow>) handler.handle(CALLS[76], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow> listPullTimeExclusions(java.lang.String a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow>) handler.handle(CALLS[77], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Image> listReferrers(long a0, java.lang.String a1) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Image>) handler.handle(CALLS[78], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Repository> listRepositories(java.lang.String a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Repository>) handler.handle(CALLS[79], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.SecretStore.SecretRow> listSecrets(java.lang.String a0, dev.wharf.storage.meta.SecretStore.SecretOrder a1, boolean a2, dev.wharf.storage.meta.SecretStore.SecretCursor a3, int a4) {
        return (java.util.List<dev.wharf.storage.meta.SecretStore.SecretRow>) handler.handle(CALLS[80], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Tag> listTags(long a0, java.lang.String a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Tag>) handler.handle(CALLS[81], new Object[] {a0, a1, a2});
    }

    @Override
    public void markLifecycleEvaluated(long a0, long a1) {
        handler.handle(CALLS[82], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<java.lang.String> parentsOf(long a0, java.lang.String a1) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[83], new Object[] {a0, a1});
    }

    @Override
    public long pendingReplications() {
        return (Long) handler.handle(CALLS[84], NO_ARGS);
    }

    @Override
    public boolean pinBlob(dev.wharf.storage.meta.Rows.Blob a0, java.lang.String a1, long a2, long a3) {
        return (Boolean) handler.handle(CALLS[85], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public dev.wharf.storage.meta.GcStore.GcPreview previewGarbage(long a0, long a1) {
        return (dev.wharf.storage.meta.GcStore.GcPreview) handler.handle(CALLS[86], new Object[] {a0, a1});
    }

    @Override
    public int purgeEndedUploads(long a0) {
        return (Integer) handler.handle(CALLS[87], new Object[] {a0});
    }

    @Override
    public void putAccountLimit(java.lang.String a0, java.lang.String a1, long a2) {
        handler.handle(CALLS[88], new Object[] {a0, a1, a2});
    }

    @Override
    public void putAccountSetting(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        handler.handle(CALLS[89], new Object[] {a0, a1, a2});
    }

    @Override
    public void putImageArchive(dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow a0) {
        handler.handle(CALLS[90], new Object[] {a0});
    }

    @Override
    public void putLayerParts(dev.wharf.storage.meta.Rows.LayerParts a0) {
        handler.handle(CALLS[91], new Object[] {a0});
    }

    @Override
    public void putLifecyclePolicy(dev.wharf.storage.meta.Rows.LifecyclePolicy a0) {
        handler.handle(CALLS[92], new Object[] {a0});
    }

    @Override
    public void putLifecyclePreview(dev.wharf.storage.meta.Rows.LifecyclePreview a0) {
        handler.handle(CALLS[93], new Object[] {a0});
    }

    @Override
    public java.lang.String putManifest(dev.wharf.storage.meta.Rows.Manifest a0, java.util.List<dev.wharf.storage.meta.Rows.Reference> a1, java.lang.String a2, boolean a3, int a4) {
        return (java.lang.String) handler.handle(CALLS[94], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public void putReplicationConfiguration(java.lang.String a0, java.lang.String a1, long a2) {
        handler.handle(CALLS[95], new Object[] {a0, a1, a2});
    }

    @Override
    public void putRepositoryTags(long a0, java.util.Map<java.lang.String, java.lang.String> a1, int a2) {
        handler.handle(CALLS[96], new Object[] {a0, a1, a2});
    }

    @Override
    public boolean putSecretVersion(java.lang.String a0, long a1, dev.wharf.storage.meta.SecretStore.SecretVersionRow a2, java.util.Map<java.lang.String, java.lang.String> a3, long a4, int a5) {
        return (Boolean) handler.handle(CALLS[97], new Object[] {a0, a1, a2, a3, a4, a5});
    }

    @Override
    public void putSetting(java.lang.String a0, java.lang.String a1) {
        handler.handle(CALLS[98], new Object[] {a0, a1});
    }

    @Override
    public void putUpstreamCheck(long a0, java.lang.String a1, long a2) {
        handler.handle(CALLS[99], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.GcStore.QueuedDeletion> queueUnlinkedBlobs(long a0, long a1, int a2) {
        return (java.util.List<dev.wharf.storage.meta.GcStore.QueuedDeletion>) handler.handle(CALLS[100], new Object[] {a0, a1, a2});
    }

    @Override
    public void recordPulls(long a0, java.util.Map<java.lang.String, java.lang.Long> a1) {
        handler.handle(CALLS[101], new Object[] {a0, a1});
    }

    @Override
    public void recordSecretAccess(java.lang.String a0, long a1) {
        handler.handle(CALLS[102], new Object[] {a0, a1});
    }

    @Override
    public void releaseLease(java.lang.String a0, java.lang.String a1) {
        handler.handle(CALLS[103], new Object[] {a0, a1});
    }

    @Override
    public void releaseUpload(java.lang.String a0, java.lang.String a1) {
        handler.handle(CALLS[104], new Object[] {a0, a1});
    }

    @Override
    public void removeRepositoryTags(long a0, java.util.List<java.lang.String> a1) {
        handler.handle(CALLS[105], new Object[] {a0, a1});
    }

    @Override
    public boolean renewReplication(long a0, java.lang.String a1, long a2) {
        return (Boolean) handler.handle(CALLS[106], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Optional<java.lang.String> replicationConfiguration(java.lang.String a0) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[107], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.ReplicationStore.ReplicationItem> replicationItems(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (java.util.List<dev.wharf.storage.meta.ReplicationStore.ReplicationItem>) handler.handle(CALLS[108], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.String> repositoryTags(long a0) {
        return (java.util.Map<java.lang.String, java.lang.String>) handler.handle(CALLS[109], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.GcStore.RepositoryUsage> repositoryUsage() {
        return (java.util.List<dev.wharf.storage.meta.GcStore.RepositoryUsage>) handler.handle(CALLS[110], NO_ARGS);
    }

    @Override
    public boolean retryReplication(long a0, java.lang.String a1, long a2, java.lang.String a3, long a4) {
        return (Boolean) handler.handle(CALLS[111], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public boolean scheduleSecretDeletion(java.lang.String a0, long a1, long a2) {
        return (Boolean) handler.handle(CALLS[112], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.String> secretStages(java.lang.String a0) {
        return (java.util.Map<java.lang.String, java.lang.String>) handler.handle(CALLS[113], new Object[] {a0});
    }

    @Override
    public java.util.Optional<java.lang.String> setting(java.lang.String a0) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[114], new Object[] {a0});
    }

    @Override
    public java.util.List<java.lang.String> tagsOf(long a0, java.lang.String a1) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[115], new Object[] {a0, a1});
    }

    @Override
    public boolean unlinkBlob(long a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[116], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<java.lang.String> unlinkedBlobs(long a0, int a1) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[117], new Object[] {a0, a1});
    }

    @Override
    public void unpinBlob(java.lang.String a0) {
        handler.handle(CALLS[118], new Object[] {a0});
    }

    @Override
    public boolean updateCreationTemplate(dev.wharf.storage.meta.CreationTemplateStore.TemplateRow a0) {
        return (Boolean) handler.handle(CALLS[119], new Object[] {a0});
    }

    @Override
    public boolean updatePullThroughCacheRule(dev.wharf.storage.meta.PullThroughCacheStore.RuleRow a0) {
        return (Boolean) handler.handle(CALLS[120], new Object[] {a0});
    }

    @Override
    public void updateRepository(dev.wharf.storage.meta.Rows.Repository a0) {
        handler.handle(CALLS[121], new Object[] {a0});
    }

    @Override
    public boolean uploadEnded(java.lang.String a0) {
        return (Boolean) handler.handle(CALLS[122], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.Upload> uploadsUpdatedBefore(long a0) {
        return (java.util.List<dev.wharf.storage.meta.Rows.Upload>) handler.handle(CALLS[123], new Object[] {a0});
    }

    /** What this forwarder hands its calls to. */
    StoreHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return handler.toString();
    }
}
