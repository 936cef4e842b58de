package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Wharf knows besides blob bytes. Implementations are transactional: each method is
 * atomic, and a crash never leaves part of one visible. Methods take and return {@link Rows}
 * records; they enforce referential integrity but no business rule (those live in
 * {@code registry}). Checked by {@code MetadataStoreContract}.
 *
 * <p>Conflicts are reported with {@link DuplicateException} (unique key taken) and
 * {@link ConflictException} (a precondition stated in the method's contract failed).
 */
public interface MetadataStore extends AutoCloseable {

    // ---------------------------------------------------------------- accounts and keys

    /** @throws DuplicateException when the id is taken */
    void createAccount(Rows.Account account, Rows.AccessKey rootKey);

    Optional<Rows.Account> findAccount(String accountId);

    List<Rows.Account> listAccounts();

    Optional<Rows.Account> defaultAccount();

    /** Deletes the account and everything it owns (keys, repositories and their images). */
    boolean deleteAccount(String accountId);

    Optional<Rows.AccessKey> findAccessKey(String accessKeyId);

    /** @throws DuplicateException when the id is taken */
    void createAccessKey(Rows.AccessKey key);

    // ---------------------------------------------------------------- repositories

    /**
     * Creates a repository unless the account already has {@code maxPerAccount} of them.
     *
     * @throws DuplicateException when the name is taken in the account
     * @throws LimitException     when the account is at its limit
     */
    Rows.Repository createRepository(Rows.NewRepository repository, int maxPerAccount);

    Optional<Rows.Repository> findRepository(String accountId, String name);

    /** Repositories of the account ordered by name, starting after {@code afterName} (exclusive; null = from the start). */
    List<Rows.Repository> listRepositories(String accountId, String afterName, int limit);

    int countRepositories(String accountId);

    /** Deletes the repository with its images, tags, links and uploads. */
    boolean deleteRepository(long repositoryId);

    /** @return the number of images (manifests) in the repository */
    int countManifests(long repositoryId);

    Map<String, String> repositoryTags(long repositoryId);

    void updateRepository(Rows.Repository repository);

    /**
     * Adds or overwrites resource tags of a repository, unless the result would have more than
     * {@code maxTags}: then nothing is written and {@link LimitException} is thrown.
     */
    void putRepositoryTags(long repositoryId, Map<String, String> tags, int maxTags);

    /** Removes the named resource tags (absent keys are ignored). */
    void removeRepositoryTags(long repositoryId, List<String> keys);

    // ---------------------------------------------------------------- blobs and links

    Optional<Rows.Blob> findBlob(String digest);

    /** The blob, only when the repository links it. */
    Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest);

    /** Records the blob (if new) and links it into the repository (if not yet), atomically. */
    void linkBlob(long repositoryId, Rows.Blob blob, long now);

    /** @return true when a link was removed */
    boolean unlinkBlob(long repositoryId, String digest);

    /** Of the given digests, those linked into the repository. */
    List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests);

    /** Blobs that no repository links, recorded before {@code createdBefore}; for garbage collection (not built yet). */
    List<String> unlinkedBlobs(long createdBefore, int limit);

    /** Forgets a blob row, only when no repository links it. @return true when removed */
    boolean deleteBlobIfUnlinked(String digest);

    /** True when a manifest of the repository references the blob (as config or layer). */
    boolean isBlobReferenced(long repositoryId, String digest);

    // ---------------------------------------------------------------- manifests and tags

    /**
     * Stores a manifest with its references and, when {@code tag} is not null, points the tag at it,
     * in one transaction. If the manifest exists its body is kept and only the tag moves.
     *
     * @param tagImmutable when true and the tag already points at another digest, nothing is written
     *                     and {@link ConflictException} is thrown
     * @param maxImages    when storing a new manifest would make more than this many, nothing is
     *                     written and {@link LimitException} is thrown
     * @return the digest the tag pointed at before (null when the tag is new or null)
     */
    String putManifest(Rows.Manifest manifest, List<Rows.Reference> references, String tag,
                       boolean tagImmutable, int maxImages);

    Optional<Rows.Manifest> findManifest(long repositoryId, String digest);

    Optional<Rows.Tag> findTag(long repositoryId, String tag);

    /** Tags ordered lexically, after {@code last} (exclusive; null = from the start). */
    List<Rows.Tag> listTags(long repositoryId, String last, int limit);

    /** Tags pointing at the digest. */
    List<String> tagsOf(long repositoryId, String digest);

    /** Deletes the manifest and every tag pointing at it. @return true when it existed */
    boolean deleteManifest(long repositoryId, String digest);

    /** @return true when the tag existed */
    boolean deleteTag(long repositoryId, String tag);

    /** Manifests whose subject is {@code subjectDigest}. */
    List<Rows.Image> listReferrers(long repositoryId, String subjectDigest);

    /** Manifests (index) that reference the digest as a child. */
    List<String> parentsOf(long repositoryId, String childDigest);

    /** Images ordered by digest after {@code afterDigest}. */
    List<Rows.Image> listImages(long repositoryId, String afterDigest, int limit);

    /** Records pull times in bulk: digest → epoch ms; keeps the later time. */
    void recordPulls(long repositoryId, Map<String, Long> pulledAt);

    /** Every index of the repository with the digests of the manifests it lists. */
    Map<String, List<String>> indexChildren(long repositoryId);

    // ---------------------------------------------------------------- upload sessions

    /**
     * Opens a session, unless the repository already has {@code maxPerRepository} open ones.
     *
     * @throws LimitException when the repository is at its limit (nothing is written)
     */
    void createUpload(Rows.Upload upload, int maxPerRepository);

    Optional<Rows.Upload> findUpload(String uploadId);

    /**
     * Takes the session's writer claim for {@code writer}, only if its size is still
     * {@code expectedSize} and no other writer holds a claim taken at or after {@code staleBefore}.
     * The row is the one truth of a session: bytes are written to the blob store only under a
     * claim, so two concurrent chunks (on one node or two) never both land.
     *
     * @return false when the size moved or another writer holds the session
     */
    boolean claimUpload(String uploadId, long expectedSize, String writer, long now, long staleBefore);

    /**
     * Advances the session's size and ends {@code writer}'s claim, only if {@code writer} still
     * holds it and the size is still {@code expectedSize}.
     *
     * @return false when the claim was lost meanwhile (nothing is written)
     */
    boolean advanceUpload(String uploadId, String writer, long expectedSize, long newSize, int parts, long now);

    /** Ends {@code writer}'s claim without moving the size (a chunk that failed); no effect when it holds none. */
    void releaseUpload(String uploadId, String writer);

    boolean deleteUpload(String uploadId);

    List<Rows.Upload> uploadsUpdatedBefore(long cutoff);

    /** The layer-part bookkeeping of an upload made through UploadLayerPart (empty before its first part). */
    Optional<Rows.LayerParts> findLayerParts(String uploadId);

    void putLayerParts(Rows.LayerParts parts);

    // ---------------------------------------------------------------- settings

    Optional<String> setting(String name);

    void putSetting(String name, String value);

    // ---------------------------------------------------------------- account settings and limits

    Optional<String> accountSetting(String accountId, String name);

    void putAccountSetting(String accountId, String name, String value);

    /** Per-account overrides of the configured service limits: limit name → value. */
    Map<String, Long> accountLimits(String accountId);

    void putAccountLimit(String accountId, String name, long value);

    /** @return true when an override was removed */
    boolean deleteAccountLimit(String accountId, String name);

    // ---------------------------------------------------------------- lifecycle policies

    Optional<Rows.LifecyclePolicy> findLifecyclePolicy(long repositoryId);

    void putLifecyclePolicy(Rows.LifecyclePolicy policy);

    /** @return true when a policy was removed */
    boolean deleteLifecyclePolicy(long repositoryId);

    /** Every stored lifecycle policy, for the scheduler. */
    List<Rows.LifecyclePolicy> listLifecyclePolicies();

    void markLifecycleEvaluated(long repositoryId, long at);

    Optional<Rows.LifecyclePreview> findLifecyclePreview(long repositoryId);

    void putLifecyclePreview(Rows.LifecyclePreview preview);

    @Override
    void close();
}
