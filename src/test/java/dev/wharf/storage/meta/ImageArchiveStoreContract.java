package dev.wharf.storage.meta;

import dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every promise of {@link ImageArchiveStore}, for every backend (and the caching decorator). */
public abstract class ImageArchiveStoreContract {
    protected static final String ACCOUNT = "111122223333";
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    protected MetadataStore meta;
    private long repo;

    /** A new, empty, migrated store, private to one test. */
    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        meta = newStore();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIAROOT0000000000001", ACCOUNT, null, "enc", "Active", 1));
        repo = meta.createRepository(new Rows.NewRepository(ACCOUNT, "archive/app", "MUTABLE", null, false, "AES256", null, 1, Map.of()), 10).id();
        for (String d : new String[]{A, B}) {
            meta.putManifest(new Rows.Manifest(repo, d, "application/vnd.oci.image.manifest.v1+json", null, null, 3, 30,
                    "{ }".getBytes(StandardCharsets.UTF_8), 100, null), java.util.List.of(), null, false, 1000);
        }
    }

    @AfterEach
    void close() {
        meta.close();
    }

    @Test
    void aStateIsStoredReplacedAndListedByDigest() {
        meta.putImageArchive(new ArchiveRow(repo, B, "ARCHIVED", 10L, null, null));
        meta.putImageArchive(new ArchiveRow(repo, A, "ARCHIVED", 11L, null, null));
        meta.putImageArchive(new ArchiveRow(repo, A, "ACTIVATING", 11L, null, 20L));
        assertThat(meta.findImageArchive(repo, A)).contains(new ArchiveRow(repo, A, "ACTIVATING", 11L, null, 20L));
        assertThat(meta.listImageArchives(repo)).extracting(ArchiveRow::digest).containsExactly(A, B);
    }

    @Test
    void aStateNeedsItsManifestAndGoesWithIt() {
        assertThatThrownBy(() -> meta.putImageArchive(new ArchiveRow(repo, "sha256:" + "c".repeat(64), "ARCHIVED", 1L, null, null)))
                .isInstanceOf(ConflictException.class);
        meta.putImageArchive(new ArchiveRow(repo, A, "ARCHIVED", 1L, null, null));
        meta.deleteManifest(repo, A);
        assertThat(meta.findImageArchive(repo, A)).isEmpty();
    }
}
