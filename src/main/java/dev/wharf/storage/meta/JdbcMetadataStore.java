package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The {@link MetadataStore} over JDBC: one class per concern of the SPI ({@link JdbcAccounts},
 * {@link JdbcRepositories}, {@link JdbcBlobLinks}, {@link JdbcImages}, {@link JdbcUploads},
 * {@link JdbcSettings}, {@link JdbcLifecycle}, {@link JdbcGc}, {@link JdbcSecrets}) over the shared plumbing of {@link Jdbc}; this class
 * only composes them. The SQL is the portable subset that SQLite (≥ 3.35) and PostgreSQL share
 * ({@code ON CONFLICT}, {@code RETURNING}); what differs between them lives in {@link Dialect} and
 * in the per-dialect migrations under {@code db/<dialect>/}.
 */
public class JdbcMetadataStore implements MetadataStore {
    private final JdbcAccounts accounts;
    private final JdbcRepositories repositories;
    private final JdbcBlobLinks blobLinks;
    private final JdbcImages images;
    private final JdbcUploads uploads;
    private final JdbcSettings settings;
    private final JdbcLifecycle lifecycle;
    private final JdbcCreationTemplates templates;
    private final JdbcPullTimeExclusions exclusions;
    private final JdbcImageArchive archive;
    private final JdbcGc gc;
    private final JdbcReplication replication;
    private final JdbcSecrets secrets;
    private final JdbcPullThroughCache pullThrough;
    private final JdbcBlobContents contents;
    private final AutoCloseable onClose;
    private final DataSource ds;
    private final Dialect dialect;

    public JdbcMetadataStore(DataSource ds, Dialect dialect, AutoCloseable onClose) {
        this.ds = ds;
        this.dialect = dialect;
        Jdbc db = new Jdbc(ds, dialect);
        this.accounts = new JdbcAccounts(db);
        this.repositories = new JdbcRepositories(db);
        this.blobLinks = new JdbcBlobLinks(db);
        this.images = new JdbcImages(db);
        this.uploads = new JdbcUploads(db);
        this.settings = new JdbcSettings(db);
        this.lifecycle = new JdbcLifecycle(db);
        this.templates = new JdbcCreationTemplates(db);
        this.exclusions = new JdbcPullTimeExclusions(db);
        this.archive = new JdbcImageArchive(db);
        this.gc = new JdbcGc(db);
        this.replication = new JdbcReplication(db);
        this.secrets = new JdbcSecrets(db);
        this.pullThrough = new JdbcPullThroughCache(db);
        this.contents = new JdbcBlobContents(db);
        this.onClose = onClose;
    }

    /** The pool and dialect, for this package's other stores over the same database. */
    DataSource dataSource() { return ds; }

    Dialect dialect() { return dialect; }

    // ---------------------------------------------------------------- AccountStore (JdbcAccounts)

    @Override
    public void createAccount(Rows.Account account, Rows.AccessKey rootKey) {
        accounts.createAccount(account, rootKey);
    }

    @Override
    public Optional<Rows.Account> findAccount(String accountId) {
        return accounts.findAccount(accountId);
    }

    @Override
    public List<Rows.Account> listAccounts() {
        return accounts.listAccounts();
    }

    @Override
    public Optional<Rows.Account> defaultAccount() {
        return accounts.defaultAccount();
    }

    @Override
    public boolean deleteAccount(String accountId) {
        return accounts.deleteAccount(accountId);
    }

    @Override
    public Optional<Rows.AccessKey> findAccessKey(String accessKeyId) {
        return accounts.findAccessKey(accessKeyId);
    }

    @Override
    public void createAccessKey(Rows.AccessKey key) {
        accounts.createAccessKey(key);
    }

    // ---------------------------------------------------------------- RepositoryStore (JdbcRepositories)

    @Override
    public Rows.Repository createRepository(Rows.NewRepository repository, int maxPerAccount) {
        return repositories.createRepository(repository, maxPerAccount);
    }

    @Override
    public Optional<Rows.Repository> findRepository(String accountId, String name) {
        return repositories.findRepository(accountId, name);
    }

    @Override
    public List<Rows.Repository> listRepositories(String accountId, String afterName, int limit) {
        return repositories.listRepositories(accountId, afterName, limit);
    }

    @Override
    public int countRepositories(String accountId) {
        return repositories.countRepositories(accountId);
    }

    @Override
    public boolean deleteRepository(long repositoryId) {
        return repositories.deleteRepository(repositoryId);
    }

    @Override
    public int countManifests(long repositoryId) {
        return repositories.countManifests(repositoryId);
    }

    @Override
    public Map<String, String> repositoryTags(long repositoryId) {
        return repositories.repositoryTags(repositoryId);
    }

    @Override
    public void updateRepository(Rows.Repository repository) {
        repositories.updateRepository(repository);
    }

    @Override
    public void putRepositoryTags(long repositoryId, Map<String, String> tags, int maxTags) {
        repositories.putRepositoryTags(repositoryId, tags, maxTags);
    }

    @Override
    public void removeRepositoryTags(long repositoryId, List<String> keys) {
        repositories.removeRepositoryTags(repositoryId, keys);
    }

    // ---------------------------------------------------------------- BlobLinkStore (JdbcBlobLinks)

    @Override
    public Optional<Rows.Blob> findBlob(String digest) {
        return blobLinks.findBlob(digest);
    }

    @Override
    public Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest) {
        return blobLinks.findLinkedBlob(repositoryId, digest);
    }

    @Override
    public boolean linkBlob(long repositoryId, Rows.Blob blob, long now) {
        return blobLinks.linkBlob(repositoryId, blob, now);
    }

    @Override
    public boolean pinBlob(Rows.Blob blob, String pinId, long now, long until) {
        return blobLinks.pinBlob(blob, pinId, now, until);
    }

    @Override
    public void unpinBlob(String pinId) {
        blobLinks.unpinBlob(pinId);
    }

    @Override
    public boolean linkExistingBlob(long repositoryId, String digest, long now) {
        return blobLinks.linkExistingBlob(repositoryId, digest, now);
    }

    @Override
    public boolean unlinkBlob(long repositoryId, String digest) {
        return blobLinks.unlinkBlob(repositoryId, digest);
    }

    @Override
    public List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests) {
        return blobLinks.findLinkedBlobs(repositoryId, digests);
    }

    @Override
    public List<String> unlinkedBlobs(long createdBefore, int limit) {
        return blobLinks.unlinkedBlobs(createdBefore, limit);
    }

    @Override
    public boolean deleteBlobIfUnlinked(String digest) {
        return blobLinks.deleteBlobIfUnlinked(digest);
    }

    @Override
    public boolean isBlobReferenced(long repositoryId, String digest) {
        return blobLinks.isBlobReferenced(repositoryId, digest);
    }

    // ---------------------------------------------------------------- ImageStore (JdbcImages)

    @Override
    public String putManifest(Rows.Manifest manifest, List<Rows.Reference> references, String tag, boolean tagImmutable, int maxImages) {
        return images.putManifest(manifest, references, tag, tagImmutable, maxImages);
    }

    @Override
    public Optional<Rows.Manifest> findManifest(long repositoryId, String digest) {
        return images.findManifest(repositoryId, digest);
    }

    @Override
    public Optional<Rows.Tag> findTag(long repositoryId, String tag) {
        return images.findTag(repositoryId, tag);
    }

    @Override
    public List<Rows.Tag> listTags(long repositoryId, String last, int limit) {
        return images.listTags(repositoryId, last, limit);
    }

    @Override
    public List<String> tagsOf(long repositoryId, String digest) {
        return images.tagsOf(repositoryId, digest);
    }

    @Override
    public boolean deleteManifest(long repositoryId, String digest) {
        return images.deleteManifest(repositoryId, digest);
    }

    @Override
    public boolean deleteTag(long repositoryId, String tag) {
        return images.deleteTag(repositoryId, tag);
    }

    @Override
    public List<Rows.Image> listReferrers(long repositoryId, String subjectDigest) {
        return images.listReferrers(repositoryId, subjectDigest);
    }

    @Override
    public List<String> parentsOf(long repositoryId, String childDigest) {
        return images.parentsOf(repositoryId, childDigest);
    }

    @Override
    public List<Rows.Image> listImages(long repositoryId, String afterDigest, int limit) {
        return images.listImages(repositoryId, afterDigest, limit);
    }

    @Override
    public void recordPulls(long repositoryId, Map<String, Long> pulledAt) {
        images.recordPulls(repositoryId, pulledAt);
    }

    @Override
    public Map<String, List<String>> indexChildren(long repositoryId) {
        return images.indexChildren(repositoryId);
    }

    // ---------------------------------------------------------------- UploadStore (JdbcUploads)

    @Override
    public boolean createUpload(Rows.Upload upload, int maxPerRepository) {
        return uploads.createUpload(upload, maxPerRepository);
    }

    @Override
    public boolean uploadEnded(String uploadId) {
        return uploads.uploadEnded(uploadId);
    }

    @Override
    public int purgeEndedUploads(long endedBefore) {
        return uploads.purgeEndedUploads(endedBefore);
    }

    @Override
    public Optional<Rows.Upload> findUpload(String uploadId) {
        return uploads.findUpload(uploadId);
    }

    @Override
    public boolean claimUpload(String uploadId, long expectedSize, String writer, long now, long staleBefore) {
        return uploads.claimUpload(uploadId, expectedSize, writer, now, staleBefore);
    }

    @Override
    public boolean advanceUpload(String uploadId, String writer, long expectedSize, long newSize, int parts, long now) {
        return uploads.advanceUpload(uploadId, writer, expectedSize, newSize, parts, now);
    }

    @Override
    public void releaseUpload(String uploadId, String writer) {
        uploads.releaseUpload(uploadId, writer);
    }

    @Override
    public boolean deleteUpload(String uploadId, long now) {
        return uploads.deleteUpload(uploadId, now);
    }

    @Override
    public Completion completeUpload(String uploadId, String pinId, long repositoryId, String digest, long now) {
        return uploads.completeUpload(uploadId, pinId, repositoryId, digest, now);
    }

    @Override
    public Completion completeEmptyUpload(String uploadId, String pinId, long repositoryId, String digest, long now, long staleBefore) {
        return uploads.completeEmptyUpload(uploadId, pinId, repositoryId, digest, now, staleBefore);
    }

    @Override
    public List<Rows.Upload> uploadsUpdatedBefore(long cutoff) {
        return uploads.uploadsUpdatedBefore(cutoff);
    }

    @Override
    public Optional<Rows.LayerParts> findLayerParts(String uploadId) {
        return uploads.findLayerParts(uploadId);
    }

    @Override
    public void putLayerParts(Rows.LayerParts parts) {
        uploads.putLayerParts(parts);
    }

    // ---------------------------------------------------------------- BlobContentStore (JdbcBlobContents)

    @Override
    public Completion completeWithContent(String uploadId, long repositoryId, Rows.Blob blob, byte[] content, int length,
                                          long now, long staleBefore) {
        return contents.completeWithContent(uploadId, repositoryId, blob, content, length, now, staleBefore);
    }

    @Override
    public Optional<byte[]> blobContent(String digest) {
        return contents.blobContent(digest);
    }

    @Override
    public OptionalLong blobContentSize(String digest) {
        return contents.blobContentSize(digest);
    }

    @Override
    public int deleteBlobContents(List<String> digests) {
        return contents.deleteBlobContents(digests);
    }

    @Override
    public List<String> blobContentDigests() {
        return contents.blobContentDigests();
    }

    // ---------------------------------------------------------------- SettingsStore (JdbcSettings)

    @Override
    public Optional<String> setting(String name) {
        return settings.setting(name);
    }

    @Override
    public void putSetting(String name, String value) {
        settings.putSetting(name, value);
    }

    @Override
    public Optional<String> accountSetting(String accountId, String name) {
        return settings.accountSetting(accountId, name);
    }

    @Override
    public void putAccountSetting(String accountId, String name, String value) {
        settings.putAccountSetting(accountId, name, value);
    }

    @Override
    public Map<String, Long> accountLimits(String accountId) {
        return settings.accountLimits(accountId);
    }

    @Override
    public void putAccountLimit(String accountId, String name, long value) {
        settings.putAccountLimit(accountId, name, value);
    }

    @Override
    public boolean deleteAccountLimit(String accountId, String name) {
        return settings.deleteAccountLimit(accountId, name);
    }

    // ---------------------------------------------------------------- LifecycleStore (JdbcLifecycle)

    @Override
    public Optional<Rows.LifecyclePolicy> findLifecyclePolicy(long repositoryId) {
        return lifecycle.findLifecyclePolicy(repositoryId);
    }

    @Override
    public void putLifecyclePolicy(Rows.LifecyclePolicy policy) {
        lifecycle.putLifecyclePolicy(policy);
    }

    @Override
    public boolean deleteLifecyclePolicy(long repositoryId) {
        return lifecycle.deleteLifecyclePolicy(repositoryId);
    }

    @Override
    public List<Rows.LifecyclePolicy> listLifecyclePolicies() {
        return lifecycle.listLifecyclePolicies();
    }

    @Override
    public void markLifecycleEvaluated(long repositoryId, long at) {
        lifecycle.markLifecycleEvaluated(repositoryId, at);
    }

    @Override
    public Optional<Rows.LifecyclePreview> findLifecyclePreview(long repositoryId) {
        return lifecycle.findLifecyclePreview(repositoryId);
    }

    @Override
    public void putLifecyclePreview(Rows.LifecyclePreview preview) {
        lifecycle.putLifecyclePreview(preview);
    }

    // ---------------------------------------------------------------- CreationTemplateStore (JdbcCreationTemplates)

    @Override
    public void createCreationTemplate(TemplateRow template, int maxPerAccount) {
        templates.createCreationTemplate(template, maxPerAccount);
    }

    @Override
    public Optional<TemplateRow> findCreationTemplate(String accountId, String prefix) {
        return templates.findCreationTemplate(accountId, prefix);
    }

    @Override
    public List<TemplateRow> listCreationTemplates(String accountId, String afterPrefix, int limit) {
        return templates.listCreationTemplates(accountId, afterPrefix, limit);
    }

    @Override
    public boolean updateCreationTemplate(TemplateRow template) {
        return templates.updateCreationTemplate(template);
    }

    @Override
    public boolean deleteCreationTemplate(String accountId, String prefix) {
        return templates.deleteCreationTemplate(accountId, prefix);
    }

    @Override
    public Rows.Repository createRepositoryWithPolicies(Rows.NewRepository repository, int maxPerAccount, String repositoryPolicy,
                                                        String lifecyclePolicy) {
        return templates.createRepositoryWithPolicies(repository, maxPerAccount, repositoryPolicy, lifecyclePolicy);
    }

    // ---------------------------------------------------------------- PullTimeExclusionStore (JdbcPullTimeExclusions)

    @Override
    public void createPullTimeExclusion(ExclusionRow exclusion, int maxPerAccount) {
        exclusions.createPullTimeExclusion(exclusion, maxPerAccount);
    }

    @Override
    public Optional<ExclusionRow> findPullTimeExclusion(String accountId, String principalArn) {
        return exclusions.findPullTimeExclusion(accountId, principalArn);
    }

    @Override
    public List<ExclusionRow> listPullTimeExclusions(String accountId, String afterArn, int limit) {
        return exclusions.listPullTimeExclusions(accountId, afterArn, limit);
    }

    @Override
    public boolean deletePullTimeExclusion(String accountId, String principalArn) {
        return exclusions.deletePullTimeExclusion(accountId, principalArn);
    }

    // ---------------------------------------------------------------- ImageArchiveStore (JdbcImageArchive)

    @Override
    public Optional<ArchiveRow> findImageArchive(long repositoryId, String digest) {
        return archive.findImageArchive(repositoryId, digest);
    }

    @Override
    public List<ArchiveRow> listImageArchives(long repositoryId) {
        return archive.listImageArchives(repositoryId);
    }

    @Override
    public void putImageArchive(ArchiveRow row) {
        archive.putImageArchive(row);
    }

    // ---------------------------------------------------------------- GcStore (JdbcGc)

    @Override
    public int deleteOrphanManifests(long pushedBefore, int limit) {
        return gc.deleteOrphanManifests(pushedBefore, limit);
    }

    @Override
    public int deleteUnreferencedLinks(long createdBefore, int limit) {
        return gc.deleteUnreferencedLinks(createdBefore, limit);
    }

    @Override
    public List<QueuedDeletion> queueUnlinkedBlobs(long createdBefore, long now, int limit) {
        return gc.queueUnlinkedBlobs(createdBefore, now, limit);
    }

    @Override
    public List<QueuedDeletion> claimDeletions(String claimant, long now, long until, int limit) {
        return gc.claimDeletions(claimant, now, until, limit);
    }

    @Override
    public int finishDeletions(String claimant, List<String> digests) {
        return gc.finishDeletions(claimant, digests);
    }

    @Override
    public GcPreview previewGarbage(long cutoff, long now) {
        return gc.previewGarbage(cutoff, now);
    }

    @Override
    public boolean acquireLease(String name, String holder, long now, long until) {
        return gc.acquireLease(name, holder, now, until);
    }

    @Override
    public void releaseLease(String name, String holder) {
        gc.releaseLease(name, holder);
    }

    @Override
    public Optional<Lease> lease(String name) {
        return gc.lease(name);
    }

    @Override
    public List<RepositoryUsage> repositoryUsage() {
        return gc.repositoryUsage();
    }

    @Override
    public List<AccountUsage> accountUsage() {
        return gc.accountUsage();
    }

    @Override
    public long accountBytesWith(String accountId, String digest, long size) {
        return gc.accountBytesWith(accountId, digest, size);
    }

    // ---------------------------------------------------------------- ReplicationStore (JdbcReplication)

    @Override
    public void putReplicationConfiguration(String accountId, String configuration, long now) {
        replication.putReplicationConfiguration(accountId, configuration, now);
    }

    @Override
    public Optional<String> replicationConfiguration(String accountId) {
        return replication.replicationConfiguration(accountId);
    }

    @Override
    public void enqueueReplications(String accountId, String repository, String digest, String tag, List<Destination> destinations,
                                    long now) {
        replication.enqueueReplications(accountId, repository, digest, tag, destinations, now);
    }

    @Override
    public List<ReplicationItem> claimReplications(String worker, long now, long claimUntil, int limit) {
        return replication.claimReplications(worker, now, claimUntil, limit);
    }

    @Override
    public boolean renewReplication(long id, String worker, long claimUntil) {
        return replication.renewReplication(id, worker, claimUntil);
    }

    @Override
    public boolean finishReplication(long id, String worker, String status, String failureCode, long now) {
        return replication.finishReplication(id, worker, status, failureCode, now);
    }

    @Override
    public boolean retryReplication(long id, String worker, long at, String error, long now) {
        return replication.retryReplication(id, worker, at, error, now);
    }

    @Override
    public List<ReplicationItem> replicationItems(String accountId, String repository, String digest) {
        return replication.replicationItems(accountId, repository, digest);
    }

    @Override
    public long pendingReplications() {
        return replication.pendingReplications();
    }

    // ---------------------------------------------------------------- SecretStore (JdbcSecrets)

    @Override
    public void createSecret(SecretRow secret, SecretVersionRow first, Map<String, String> stages, long now, int maxPerAccount) {
        secrets.createSecret(secret, first, stages, now, maxPerAccount);
    }

    @Override
    public Optional<SecretRow> findSecretByName(String accountId, String name) {
        return secrets.findSecretByName(accountId, name);
    }

    @Override
    public Optional<SecretRow> findSecretByArn(String arn) {
        return secrets.findSecretByArn(arn);
    }

    @Override
    public Optional<SecretVersionRow> findSecretVersion(String secretArn, String versionId) {
        return secrets.findSecretVersion(secretArn, versionId);
    }

    @Override
    public Map<String, String> secretStages(String secretArn) {
        return secrets.secretStages(secretArn);
    }

    @Override
    public boolean putSecretVersion(String secretArn, long expectedRevision, SecretVersionRow version, Map<String, String> stages,
                                    long changedAt, int keepVersions) {
        return secrets.putSecretVersion(secretArn, expectedRevision, version, stages, changedAt, keepVersions);
    }

    @Override
    public boolean scheduleSecretDeletion(String secretArn, long deletionDate, long changedAt) {
        return secrets.scheduleSecretDeletion(secretArn, deletionDate, changedAt);
    }

    @Override
    public boolean deleteSecret(String secretArn) {
        return secrets.deleteSecret(secretArn);
    }

    @Override
    public void recordSecretAccess(String secretArn, long day) {
        secrets.recordSecretAccess(secretArn, day);
    }

    @Override
    public List<SecretRow> listSecrets(String accountId, SecretOrder order, boolean descending, SecretCursor after, int limit) {
        return secrets.listSecrets(accountId, order, descending, after, limit);
    }

    // ---------------------------------------------------------------- PullThroughCacheStore (JdbcPullThroughCache)

    @Override
    public void createPullThroughCacheRule(RuleRow rule, int maxPerAccount) {
        pullThrough.createPullThroughCacheRule(rule, maxPerAccount);
    }

    @Override
    public Optional<RuleRow> findPullThroughCacheRule(String accountId, String prefix) {
        return pullThrough.findPullThroughCacheRule(accountId, prefix);
    }

    @Override
    public List<RuleRow> listPullThroughCacheRules(String accountId, String afterPrefix, int limit) {
        return pullThrough.listPullThroughCacheRules(accountId, afterPrefix, limit);
    }

    @Override
    public boolean updatePullThroughCacheRule(RuleRow rule) {
        return pullThrough.updatePullThroughCacheRule(rule);
    }

    @Override
    public boolean deletePullThroughCacheRule(String accountId, String prefix) {
        return pullThrough.deletePullThroughCacheRule(accountId, prefix);
    }

    @Override
    public Optional<Long> findUpstreamCheck(long repositoryId, String tag) {
        return pullThrough.findUpstreamCheck(repositoryId, tag);
    }

    @Override
    public void putUpstreamCheck(long repositoryId, String tag, long checkedAt) {
        pullThrough.putUpstreamCheck(repositoryId, tag, checkedAt);
    }

    @Override
    public void close() {
        try {
            if (onClose != null) onClose.close();
        } catch (Exception e) {
            throw new MetadataException("closing the metadata store failed", e);
        }
    }
}
