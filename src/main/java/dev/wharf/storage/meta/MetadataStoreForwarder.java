package dev.wharf.storage.meta;

// Generated from MetadataStore by StoreForwarderSource: do not edit. StoreForwardersTest fails when
// the interface changed, and says how to generate it again.

/** {@link MetadataStore} calls handed to a {@link StoreHandler} ({@link StoreCall} says why). */
@SuppressWarnings("unchecked")
public final class MetadataStoreForwarder implements MetadataStore {
    /** Each method of the interface, in this class's order. */
    static final StoreCall[] CALLS = StoreCall.of(MetadataStore.class, MetadataStoreForwarder::dispatch,
            "accountBytesWith", "accountLimits", "accountSetting", "accountUsage",
            "acquireLease", "advanceUpload", "blobContent", "blobContentDigests",
            "blobContentSize", "claimDeletions", "claimReplications", "claimUpload",
            "close", "completeEmptyUpload", "completeUpload", "completeWithContent",
            "countManifests", "countRepositories", "createAccessKey", "createAccount",
            "createCreationTemplate", "createPullThroughCacheRule", "createPullTimeExclusion", "createRepository",
            "createRepositoryWithPolicies", "createSecret", "createUpload", "defaultAccount",
            "deleteAccount", "deleteAccountLimit", "deleteBlobContents", "deleteBlobIfUnlinked",
            "deleteCreationTemplate", "deleteLifecyclePolicy", "deleteManifest", "deleteOrphanManifests",
            "deletePullThroughCacheRule", "deletePullTimeExclusion", "deleteRepository", "deleteSecret",
            "deleteTag", "deleteUnreferencedLinks", "deleteUpload", "enqueueReplications",
            "findAccessKey", "findAccount", "findBlob", "findCreationTemplate",
            "findImageArchive", "findLayerParts", "findLifecyclePolicy", "findLifecyclePreview",
            "findLinkedBlob", "findLinkedBlobs", "findManifest", "findPullThroughCacheRule",
            "findPullTimeExclusion", "findRepository", "findSecretByArn", "findSecretByName",
            "findSecretVersion", "findTag", "findUpload", "findUpstreamCheck",
            "finishDeletions", "finishReplication", "indexChildren", "isBlobReferenced",
            "lease", "linkBlob", "linkExistingBlob", "listAccounts",
            "listCreationTemplates", "listImageArchives", "listImages", "listLifecyclePolicies",
            "listPullThroughCacheRules", "listPullTimeExclusions", "listReferrers", "listRepositories",
            "listSecrets", "listTags", "markLifecycleEvaluated", "parentsOf",
            "pendingReplications", "pinBlob", "previewGarbage", "purgeEndedUploads",
            "putAccountLimit", "putAccountSetting", "putImageArchive", "putLayerParts",
            "putLifecyclePolicy", "putLifecyclePreview", "putManifest", "putReplicationConfiguration",
            "putRepositoryTags", "putSecretVersion", "putSetting", "putUpstreamCheck",
            "queueUnlinkedBlobs", "recordPulls", "recordSecretAccess", "releaseLease",
            "releaseUpload", "removeRepositoryTags", "renewReplication", "replicationConfiguration",
            "replicationItems", "repositoryTags", "repositoryUsage", "retryReplication",
            "scheduleSecretDeletion", "secretStages", "setting", "tagsOf",
            "unlinkBlob", "unlinkedBlobs", "unpinBlob", "updateCreationTemplate",
            "updatePullThroughCacheRule", "updateRepository", "uploadEnded", "uploadsUpdatedBefore");
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

    private static Object dispatch(Object target, int index, Object[] a) {
        MetadataStore store = (MetadataStore) target;
        switch (index) {
            case 0: return store.accountBytesWith((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]);
            case 1: return store.accountLimits((java.lang.String) a[0]);
            case 2: return store.accountSetting((java.lang.String) a[0], (java.lang.String) a[1]);
            case 3: return store.accountUsage();
            case 4: return store.acquireLease((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3]);
            case 5: return store.advanceUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3], (int) a[4], (long) a[5]);
            case 6: return store.blobContent((java.lang.String) a[0]);
            case 7: return store.blobContentDigests();
            case 8: return store.blobContentSize((java.lang.String) a[0]);
            case 9: return store.claimDeletions((java.lang.String) a[0], (long) a[1], (long) a[2], (int) a[3]);
            case 10: return store.claimReplications((java.lang.String) a[0], (long) a[1], (long) a[2], (int) a[3]);
            case 11: return store.claimUpload((java.lang.String) a[0], (long) a[1], (java.lang.String) a[2], (long) a[3], (long) a[4]);
            case 12: store.close(); return null;
            case 13: return store.completeEmptyUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4], (long) a[5]);
            case 14: return store.completeUpload((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4]);
            case 15: return store.completeWithContent((java.lang.String) a[0], (long) a[1], (dev.wharf.storage.meta.Rows.Blob) a[2], (byte[]) a[3], (int) a[4], (long) a[5], (long) a[6]);
            case 16: return store.countManifests((long) a[0]);
            case 17: return store.countRepositories((java.lang.String) a[0]);
            case 18: store.createAccessKey((dev.wharf.storage.meta.Rows.AccessKey) a[0]); return null;
            case 19: store.createAccount((dev.wharf.storage.meta.Rows.Account) a[0], (dev.wharf.storage.meta.Rows.AccessKey) a[1]); return null;
            case 20: store.createCreationTemplate((dev.wharf.storage.meta.CreationTemplateStore.TemplateRow) a[0], (int) a[1]); return null;
            case 21: store.createPullThroughCacheRule((dev.wharf.storage.meta.PullThroughCacheStore.RuleRow) a[0], (int) a[1]); return null;
            case 22: store.createPullTimeExclusion((dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow) a[0], (int) a[1]); return null;
            case 23: return store.createRepository((dev.wharf.storage.meta.Rows.NewRepository) a[0], (int) a[1]);
            case 24: return store.createRepositoryWithPolicies((dev.wharf.storage.meta.Rows.NewRepository) a[0], (int) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            case 25: store.createSecret((dev.wharf.storage.meta.SecretStore.SecretRow) a[0], (dev.wharf.storage.meta.SecretStore.SecretVersionRow) a[1], (java.util.Map<java.lang.String, java.lang.String>) a[2], (long) a[3], (int) a[4]); return null;
            case 26: return store.createUpload((dev.wharf.storage.meta.Rows.Upload) a[0], (int) a[1]);
            case 27: return store.defaultAccount();
            case 28: return store.deleteAccount((java.lang.String) a[0]);
            case 29: return store.deleteAccountLimit((java.lang.String) a[0], (java.lang.String) a[1]);
            case 30: return store.deleteBlobContents((java.util.List<java.lang.String>) a[0]);
            case 31: return store.deleteBlobIfUnlinked((java.lang.String) a[0]);
            case 32: return store.deleteCreationTemplate((java.lang.String) a[0], (java.lang.String) a[1]);
            case 33: return store.deleteLifecyclePolicy((long) a[0]);
            case 34: return store.deleteManifest((long) a[0], (java.lang.String) a[1]);
            case 35: return store.deleteOrphanManifests((long) a[0], (int) a[1]);
            case 36: return store.deletePullThroughCacheRule((java.lang.String) a[0], (java.lang.String) a[1]);
            case 37: return store.deletePullTimeExclusion((java.lang.String) a[0], (java.lang.String) a[1]);
            case 38: return store.deleteRepository((long) a[0]);
            case 39: return store.deleteSecret((java.lang.String) a[0]);
            case 40: return store.deleteTag((long) a[0], (java.lang.String) a[1]);
            case 41: return store.deleteUnreferencedLinks((long) a[0], (int) a[1]);
            case 42: return store.deleteUpload((java.lang.String) a[0], (long) a[1]);
            case 43: store.enqueueReplications((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (java.util.List<dev.wharf.storage.meta.ReplicationStore.Destination>) a[4], (long) a[5]); return null;
            case 44: return store.findAccessKey((java.lang.String) a[0]);
            case 45: return store.findAccount((java.lang.String) a[0]);
            case 46: return store.findBlob((java.lang.String) a[0]);
            case 47: return store.findCreationTemplate((java.lang.String) a[0], (java.lang.String) a[1]);
            case 48: return store.findImageArchive((long) a[0], (java.lang.String) a[1]);
            case 49: return store.findLayerParts((java.lang.String) a[0]);
            case 50: return store.findLifecyclePolicy((long) a[0]);
            case 51: return store.findLifecyclePreview((long) a[0]);
            case 52: return store.findLinkedBlob((long) a[0], (java.lang.String) a[1]);
            case 53: return store.findLinkedBlobs((long) a[0], (java.util.List<java.lang.String>) a[1]);
            case 54: return store.findManifest((long) a[0], (java.lang.String) a[1]);
            case 55: return store.findPullThroughCacheRule((java.lang.String) a[0], (java.lang.String) a[1]);
            case 56: return store.findPullTimeExclusion((java.lang.String) a[0], (java.lang.String) a[1]);
            case 57: return store.findRepository((java.lang.String) a[0], (java.lang.String) a[1]);
            case 58: return store.findSecretByArn((java.lang.String) a[0]);
            case 59: return store.findSecretByName((java.lang.String) a[0], (java.lang.String) a[1]);
            case 60: return store.findSecretVersion((java.lang.String) a[0], (java.lang.String) a[1]);
            case 61: return store.findTag((long) a[0], (java.lang.String) a[1]);
            case 62: return store.findUpload((java.lang.String) a[0]);
            case 63: return store.findUpstreamCheck((long) a[0], (java.lang.String) a[1]);
            case 64: return store.finishDeletions((java.lang.String) a[0], (java.util.List<java.lang.String>) a[1]);
            case 65: return store.finishReplication((long) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (long) a[4]);
            case 66: return store.indexChildren((long) a[0]);
            case 67: return store.isBlobReferenced((long) a[0], (java.lang.String) a[1]);
            case 68: return store.lease((java.lang.String) a[0]);
            case 69: return store.linkBlob((long) a[0], (dev.wharf.storage.meta.Rows.Blob) a[1], (long) a[2]);
            case 70: return store.linkExistingBlob((long) a[0], (java.lang.String) a[1], (long) a[2]);
            case 71: return store.listAccounts();
            case 72: return store.listCreationTemplates((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2]);
            case 73: return store.listImageArchives((long) a[0]);
            case 74: return store.listImages((long) a[0], (java.lang.String) a[1], (int) a[2]);
            case 75: return store.listLifecyclePolicies();
            case 76: return store.listPullThroughCacheRules((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2]);
            case 77: return store.listPullTimeExclusions((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2]);
            case 78: return store.listReferrers((long) a[0], (java.lang.String) a[1]);
            case 79: return store.listRepositories((java.lang.String) a[0], (java.lang.String) a[1], (int) a[2]);
            case 80: return store.listSecrets((java.lang.String) a[0], (dev.wharf.storage.meta.SecretStore.SecretOrder) a[1], (boolean) a[2], (dev.wharf.storage.meta.SecretStore.SecretCursor) a[3], (int) a[4]);
            case 81: return store.listTags((long) a[0], (java.lang.String) a[1], (int) a[2]);
            case 82: store.markLifecycleEvaluated((long) a[0], (long) a[1]); return null;
            case 83: return store.parentsOf((long) a[0], (java.lang.String) a[1]);
            case 84: return store.pendingReplications();
            case 85: return store.pinBlob((dev.wharf.storage.meta.Rows.Blob) a[0], (java.lang.String) a[1], (long) a[2], (long) a[3]);
            case 86: return store.previewGarbage((long) a[0], (long) a[1]);
            case 87: return store.purgeEndedUploads((long) a[0]);
            case 88: store.putAccountLimit((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]); return null;
            case 89: store.putAccountSetting((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]); return null;
            case 90: store.putImageArchive((dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow) a[0]); return null;
            case 91: store.putLayerParts((dev.wharf.storage.meta.Rows.LayerParts) a[0]); return null;
            case 92: store.putLifecyclePolicy((dev.wharf.storage.meta.Rows.LifecyclePolicy) a[0]); return null;
            case 93: store.putLifecyclePreview((dev.wharf.storage.meta.Rows.LifecyclePreview) a[0]); return null;
            case 94: return store.putManifest((dev.wharf.storage.meta.Rows.Manifest) a[0], (java.util.List<dev.wharf.storage.meta.Rows.Reference>) a[1], (java.lang.String) a[2], (boolean) a[3], (int) a[4]);
            case 95: store.putReplicationConfiguration((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]); return null;
            case 96: store.putRepositoryTags((long) a[0], (java.util.Map<java.lang.String, java.lang.String>) a[1], (int) a[2]); return null;
            case 97: return store.putSecretVersion((java.lang.String) a[0], (long) a[1], (dev.wharf.storage.meta.SecretStore.SecretVersionRow) a[2], (java.util.Map<java.lang.String, java.lang.String>) a[3], (long) a[4], (int) a[5]);
            case 98: store.putSetting((java.lang.String) a[0], (java.lang.String) a[1]); return null;
            case 99: store.putUpstreamCheck((long) a[0], (java.lang.String) a[1], (long) a[2]); return null;
            case 100: return store.queueUnlinkedBlobs((long) a[0], (long) a[1], (int) a[2]);
            case 101: store.recordPulls((long) a[0], (java.util.Map<java.lang.String, java.lang.Long>) a[1]); return null;
            case 102: store.recordSecretAccess((java.lang.String) a[0], (long) a[1]); return null;
            case 103: store.releaseLease((java.lang.String) a[0], (java.lang.String) a[1]); return null;
            case 104: store.releaseUpload((java.lang.String) a[0], (java.lang.String) a[1]); return null;
            case 105: store.removeRepositoryTags((long) a[0], (java.util.List<java.lang.String>) a[1]); return null;
            case 106: return store.renewReplication((long) a[0], (java.lang.String) a[1], (long) a[2]);
            case 107: return store.replicationConfiguration((java.lang.String) a[0]);
            case 108: return store.replicationItems((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            case 109: return store.repositoryTags((long) a[0]);
            case 110: return store.repositoryUsage();
            case 111: return store.retryReplication((long) a[0], (java.lang.String) a[1], (long) a[2], (java.lang.String) a[3], (long) a[4]);
            case 112: return store.scheduleSecretDeletion((java.lang.String) a[0], (long) a[1], (long) a[2]);
            case 113: return store.secretStages((java.lang.String) a[0]);
            case 114: return store.setting((java.lang.String) a[0]);
            case 115: return store.tagsOf((long) a[0], (java.lang.String) a[1]);
            case 116: return store.unlinkBlob((long) a[0], (java.lang.String) a[1]);
            case 117: return store.unlinkedBlobs((long) a[0], (int) a[1]);
            case 118: store.unpinBlob((java.lang.String) a[0]); return null;
            case 119: return store.updateCreationTemplate((dev.wharf.storage.meta.CreationTemplateStore.TemplateRow) a[0]);
            case 120: return store.updatePullThroughCacheRule((dev.wharf.storage.meta.PullThroughCacheStore.RuleRow) a[0]);
            case 121: store.updateRepository((dev.wharf.storage.meta.Rows.Repository) a[0]); return null;
            case 122: return store.uploadEnded((java.lang.String) a[0]);
            case 123: return store.uploadsUpdatedBefore((long) a[0]);
            default: throw new IllegalArgumentException("no method " + index + " in MetadataStore");
        }
    }
}
