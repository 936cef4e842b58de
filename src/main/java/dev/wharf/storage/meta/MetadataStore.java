package dev.wharf.storage.meta;

/**
 * Everything Wharf knows besides blob bytes. Implementations are transactional: each method is
 * atomic, and a crash never leaves part of one visible. Methods take and return {@link Rows}
 * records; they enforce referential integrity but no business rule (those live in
 * {@code registry}). Checked by {@code MetadataStoreContract}.
 *
 * <p>Conflicts are reported with {@link DuplicateException} (unique key taken) and
 * {@link ConflictException} (a precondition stated in the method's contract failed). A write the
 * database cannot make for want of space throws {@link MetadataFullException} and leaves nothing.
 *
 * <p>The SPI is grouped by concern, one small interface each, so that a backend can be written
 * and reviewed a part at a time: {@link AccountStore}, {@link RepositoryStore},
 * {@link BlobLinkStore}, {@link ImageStore}, {@link UploadStore}, {@link SettingsStore},
 * {@link LifecycleStore}, {@link CreationTemplateStore}, {@link PullTimeExclusionStore}, {@link ImageArchiveStore}, {@link GcStore},
 * {@link ReplicationStore}, {@link SecretStore}, {@link PullThroughCacheStore}, {@link BlobContentStore}.
 */
public interface MetadataStore extends AccountStore, RepositoryStore, BlobLinkStore, ImageStore, UploadStore, SettingsStore,
        LifecycleStore, CreationTemplateStore, PullTimeExclusionStore, ImageArchiveStore, GcStore, ReplicationStore,
        SecretStore, PullThroughCacheStore, BlobContentStore, AutoCloseable {

    @Override
    void close();
}
