package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every promise of the {@link MetadataStore} Javadoc, for every backend: a backend's test extends
 * this class, opens a fresh store and counts its rows. After each test every account is deleted
 * and the suite fails when any row survives the cascade (only the blob table, owned by garbage
 * collection, and settings may remain): a test leaking state and a missing cascade both show.
 */
public abstract class MetadataStoreContract {
    protected static final String ACCOUNT = "111122223333";
    protected static final String OTHER = "444455556666";
    protected MetadataStore meta;

    /** A new, empty, migrated store, private to one test. */
    protected abstract MetadataStore newStore() throws Exception;

    /** Rows per table, of every table that holds per-account data (not blobs, settings or migration history). */
    protected abstract Map<String, Long> accountOwnedRowCounts() throws Exception;

    @BeforeEach
    void open() throws Exception {
        meta = newStore();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), key("AKIAROOT0000000000001", ACCOUNT));
    }

    @AfterEach
    void cascadesLeaveNoOrphanRow() throws Exception {
        try {
            for (Rows.Account a : meta.listAccounts()) meta.deleteAccount(a.accountId());
            assertThat(accountOwnedRowCounts()).as("rows left after deleting every account").allSatisfy((table, n) ->
                    assertThat(n).as(table).isZero());
        } finally {
            meta.close();
        }
    }

    private static Rows.AccessKey key(String id, String account) {
        return new Rows.AccessKey(id, account, null, "enc", "Active", 1);
    }

    private Rows.Repository repo(String name) {
        return meta.createRepository(new Rows.NewRepository(ACCOUNT, name, "MUTABLE", null, false, "AES256", null, 10,
                Map.of()), 1000);
    }

    private static Rows.Manifest manifest(long repo, String digest, String subject) {
        return new Rows.Manifest(repo, digest, "application/vnd.oci.image.manifest.v1+json", null, subject, 3, 30,
                "{ }".getBytes(StandardCharsets.UTF_8), 100, null);
    }

    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    // ---------------------------------------------------------------- accounts and keys

    @Test
    void accountsAreFoundListedAndOneIsTheDefault() {
        assertThat(meta.findAccount(ACCOUNT)).hasValueSatisfying(a -> assertThat(a.isDefault()).isTrue());
        meta.createAccount(new Rows.Account(OTHER, true, 2), key("AKIAROOT0000000000002", OTHER));
        assertThat(meta.defaultAccount()).hasValueSatisfying(a -> assertThat(a.accountId()).isEqualTo(OTHER));
        assertThat(meta.findAccount(ACCOUNT)).hasValueSatisfying(a -> assertThat(a.isDefault()).isFalse());
        assertThat(meta.listAccounts()).extracting(Rows.Account::accountId).containsExactly(ACCOUNT, OTHER);
        assertThat(meta.findAccount("999999999999")).isEmpty();
    }

    @Test
    void aTakenAccountIdOrKeyIdIsDuplicate() {
        assertThatThrownBy(() -> meta.createAccount(new Rows.Account(ACCOUNT, false, 2), key("AKIAROOT0000000000009", ACCOUNT)))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> meta.createAccessKey(key("AKIAROOT0000000000001", ACCOUNT))).isInstanceOf(DuplicateException.class);
        assertThat(meta.findAccessKey("AKIAROOT0000000000009")).as("the failed account wrote nothing").isEmpty();
    }

    @Test
    void accessKeysAreFoundByTheirId() {
        meta.createAccessKey(new Rows.AccessKey("AKIAUSER000000000001", ACCOUNT, "alice", "enc2", "Inactive", 5));
        assertThat(meta.findAccessKey("AKIAUSER000000000001")).hasValueSatisfying(k -> {
            assertThat(k.userName()).isEqualTo("alice");
            assertThat(k.active()).isFalse();
        });
        assertThat(meta.findAccessKey("AKIAROOT0000000000001")).hasValueSatisfying(k -> assertThat(k.active()).isTrue());
    }

    // ---------------------------------------------------------------- repositories

    @Test
    void aRepositoryIsCreatedFoundAndDeleted() {
        Rows.Repository r = meta.createRepository(new Rows.NewRepository(ACCOUNT, "team-a/app", "IMMUTABLE", "[]", true, "KMS",
                "key-1", 42, Map.of("env", "prod")), 10);
        assertThat(meta.findRepository(ACCOUNT, "team-a/app")).hasValue(r);
        assertThat(r.tagMutability()).isEqualTo("IMMUTABLE");
        assertThat(r.scanOnPush()).isTrue();
        assertThat(r.createdAt()).isEqualTo(42);
        assertThat(meta.repositoryTags(r.id())).containsExactly(Map.entry("env", "prod"));
        assertThat(meta.deleteRepository(r.id())).isTrue();
        assertThat(meta.deleteRepository(r.id())).isFalse();
        assertThat(meta.findRepository(ACCOUNT, "team-a/app")).isEmpty();
    }

    @Test
    void aTakenNameIsDuplicateButOnlyWithinItsAccount() {
        repo("app");
        assertThatThrownBy(() -> repo("app")).isInstanceOf(DuplicateException.class);
        meta.createAccount(new Rows.Account(OTHER, false, 2), key("AKIAROOT0000000000002", OTHER));
        meta.createRepository(new Rows.NewRepository(OTHER, "app", "MUTABLE", null, false, "AES256", null, 1, Map.of()), 1);
        assertThat(meta.countRepositories(ACCOUNT)).isEqualTo(1);
        assertThat(meta.countRepositories(OTHER)).isEqualTo(1);
    }

    @Test
    void anAccountAtItsRepositoryLimitGetsNoMore() {
        meta.createRepository(new Rows.NewRepository(ACCOUNT, "one", "MUTABLE", null, false, "AES256", null, 1, Map.of("k", "v")), 2);
        meta.createRepository(new Rows.NewRepository(ACCOUNT, "two", "MUTABLE", null, false, "AES256", null, 1, Map.of()), 2);
        assertThatThrownBy(() -> meta.createRepository(new Rows.NewRepository(ACCOUNT, "three", "MUTABLE", null, false, "AES256",
                null, 1, Map.of("k", "v")), 2)).isInstanceOf(LimitException.class);
        assertThat(meta.findRepository(ACCOUNT, "three")).isEmpty();
    }

    @Test
    void repositoriesAreListedByNameAfterAName() {
        for (String n : List.of("c", "a", "b", "d")) repo(n + n);
        assertThat(meta.listRepositories(ACCOUNT, null, 2)).extracting(Rows.Repository::name).containsExactly("aa", "bb");
        assertThat(meta.listRepositories(ACCOUNT, "bb", 10)).extracting(Rows.Repository::name).containsExactly("cc", "dd");
        assertThat(meta.listRepositories(OTHER, null, 10)).isEmpty();
    }

    @Test
    void aRepositoryIsUpdated() {
        Rows.Repository r = repo("app");
        meta.updateRepository(new Rows.Repository(r.id(), ACCOUNT, "app", "IMMUTABLE", null, true, "AES256", null, r.createdAt()));
        assertThat(meta.findRepository(ACCOUNT, "app")).hasValueSatisfying(u -> {
            assertThat(u.tagMutability()).isEqualTo("IMMUTABLE");
            assertThat(u.scanOnPush()).isTrue();
        });
    }

    // ---------------------------------------------------------------- blobs and links

    @Test
    void aBlobIsReadableOnlyThroughARepositoryThatLinksIt() {
        long a = repo("a1").id();
        long b = repo("b1").id();
        Rows.Blob blob = new Rows.Blob(digest('1'), 10);
        meta.linkBlob(a, blob, 5);
        meta.linkBlob(a, blob, 6);
        assertThat(meta.findBlob(blob.digest())).hasValue(blob);
        assertThat(meta.findLinkedBlob(a, blob.digest())).hasValue(blob);
        assertThat(meta.findLinkedBlob(b, blob.digest())).isEmpty();
        assertThat(meta.findLinkedBlobs(a, List.of(digest('1'), digest('2')))).containsExactly(blob);
        assertThat(meta.findLinkedBlobs(b, List.of(digest('1')))).isEmpty();
    }

    @Test
    void anUnlinkedBlobIsACandidateForCollectionAndOnlyThenDeletable() {
        long a = repo("a1").id();
        meta.linkBlob(a, new Rows.Blob(digest('1'), 10), 5);
        assertThat(meta.deleteBlobIfUnlinked(digest('1'))).isFalse();
        assertThat(meta.unlinkedBlobs(Long.MAX_VALUE, 10)).isEmpty();
        assertThat(meta.unlinkBlob(a, digest('1'))).isTrue();
        assertThat(meta.unlinkBlob(a, digest('1'))).isFalse();
        assertThat(meta.unlinkedBlobs(5, 10)).as("recorded at 5, not before 5").isEmpty();
        assertThat(meta.unlinkedBlobs(6, 10)).containsExactly(digest('1'));
        assertThat(meta.deleteBlobIfUnlinked(digest('1'))).isTrue();
        assertThat(meta.findBlob(digest('1'))).isEmpty();
    }

    // ---------------------------------------------------------------- manifests and tags

    @Test
    void putManifestStoresItAndPointsTheTag() {
        long r = repo("app").id();
        meta.linkBlob(r, new Rows.Blob(digest('b'), 10), 1);
        String previous = meta.putManifest(manifest(r, digest('m'), null), List.of(new Rows.Reference(digest('b'), Rows.Reference.BLOB)),
                "v1", false, 10);
        assertThat(previous).isNull();
        assertThat(meta.findManifest(r, digest('m'))).hasValueSatisfying(m -> assertThat(m.body()).isEqualTo("{ }".getBytes()));
        assertThat(meta.findTag(r, "v1")).hasValueSatisfying(t -> assertThat(t.digest()).isEqualTo(digest('m')));
        assertThat(meta.tagsOf(r, digest('m'))).containsExactly("v1");
        assertThat(meta.countManifests(r)).isEqualTo(1);
    }

    @Test
    void aMutableTagMovesAndReportsWhereItWas() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "latest", false, 10);
        assertThat(meta.putManifest(manifest(r, digest('2'), null), List.of(), "latest", false, 10)).isEqualTo(digest('1'));
        assertThat(meta.findTag(r, "latest")).hasValueSatisfying(t -> assertThat(t.digest()).isEqualTo(digest('2')));
        assertThat(meta.tagsOf(r, digest('1'))).isEmpty();
    }

    @Test
    void anImmutableTagThatPointsElsewhereIsAConflictAndNothingIsWritten() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "v1", true, 10);
        assertThat(meta.putManifest(manifest(r, digest('1'), null), List.of(), "v1", true, 10))
                .as("the same digest again is no conflict").isEqualTo(digest('1'));
        assertThatThrownBy(() -> meta.putManifest(manifest(r, digest('2'), null), List.of(), "v1", true, 10))
                .isInstanceOf(ConflictException.class);
        assertThat(meta.findManifest(r, digest('2'))).isEmpty();
        assertThat(meta.findTag(r, "v1")).hasValueSatisfying(t -> assertThat(t.digest()).isEqualTo(digest('1')));
    }

    @Test
    void aRepositoryAtItsImageLimitTakesNoNewImageButStillMovesTags() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "a", false, 1);
        assertThatThrownBy(() -> meta.putManifest(manifest(r, digest('2'), null), List.of(), "b", false, 1))
                .isInstanceOf(LimitException.class);
        assertThat(meta.findManifest(r, digest('2'))).isEmpty();
        assertThat(meta.findTag(r, "b")).isEmpty();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "b", false, 1);
        assertThat(meta.tagsOf(r, digest('1'))).containsExactly("a", "b");
    }

    @Test
    void anExistingManifestKeepsItsBody() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), null, false, 10);
        Rows.Manifest again = new Rows.Manifest(r, digest('1'), "application/vnd.oci.image.manifest.v1+json", null, null, 3, 30,
                "{\"x\"}".getBytes(), 200, null);
        meta.putManifest(again, List.of(), "t", false, 10);
        assertThat(meta.findManifest(r, digest('1'))).hasValueSatisfying(m -> {
            assertThat(m.body()).isEqualTo("{ }".getBytes());
            assertThat(m.pushedAt()).isEqualTo(100);
        });
    }

    @Test
    void tagsAreListedLexicallyAfterTheLastOne() {
        long r = repo("app").id();
        for (String t : List.of("b", "a", "d", "c")) meta.putManifest(manifest(r, digest('1'), null), List.of(), t, false, 10);
        assertThat(meta.listTags(r, null, 2)).extracting(Rows.Tag::tag).containsExactly("a", "b");
        assertThat(meta.listTags(r, "b", 10)).extracting(Rows.Tag::tag).containsExactly("c", "d");
        assertThat(meta.listTags(r, "d", 10)).isEmpty();
    }

    @Test
    void deletingATagKeepsTheImage() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "v1", false, 10);
        assertThat(meta.deleteTag(r, "v1")).isTrue();
        assertThat(meta.deleteTag(r, "v1")).isFalse();
        assertThat(meta.findManifest(r, digest('1'))).isPresent();
    }

    @Test
    void deletingAManifestRemovesItsTagsAndReferences() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('c'), null), List.of(), null, false, 10);
        meta.putManifest(manifest(r, digest('i'), null), List.of(new Rows.Reference(digest('c'), Rows.Reference.MANIFEST)),
                "multi", false, 10);
        meta.putManifest(manifest(r, digest('i'), null), List.of(), "also", false, 10);
        assertThat(meta.parentsOf(r, digest('c'))).containsExactly(digest('i'));
        assertThat(meta.deleteManifest(r, digest('i'))).isTrue();
        assertThat(meta.deleteManifest(r, digest('i'))).isFalse();
        assertThat(meta.findTag(r, "multi")).isEmpty();
        assertThat(meta.findTag(r, "also")).isEmpty();
        assertThat(meta.parentsOf(r, digest('c'))).isEmpty();
    }

    @Test
    void referrersAreTheManifestsWhoseSubjectIsTheDigest() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('s'), null), List.of(), null, false, 10);
        meta.putManifest(new Rows.Manifest(r, digest('1'), "application/vnd.oci.image.manifest.v1+json", "application/vnd.example.sbom",
                digest('s'), 3, 3, "{ }".getBytes(), 1, null), List.of(), "sbom", false, 10);
        meta.putManifest(manifest(r, digest('2'), digest('s')), List.of(), null, false, 10);
        meta.putManifest(manifest(r, digest('3'), digest('x')), List.of(), null, false, 10);
        List<Rows.Image> refs = meta.listReferrers(r, digest('s'));
        assertThat(refs).extracting(Rows.Image::digest).containsExactly(digest('1'), digest('2'));
        assertThat(refs.get(0).artifactType()).isEqualTo("application/vnd.example.sbom");
        assertThat(refs.get(0).tags()).containsExactly("sbom");
        assertThat(meta.listReferrers(r, digest('x'))).as("a subject need not exist").hasSize(1);
    }

    @Test
    void imagesAreListedByDigestWithTheirTags() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('2'), null), List.of(), "b", false, 10);
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "a", false, 10);
        meta.putManifest(manifest(r, digest('1'), null), List.of(), "c", false, 10);
        List<Rows.Image> page = meta.listImages(r, null, 1);
        assertThat(page).extracting(Rows.Image::digest).containsExactly(digest('1'));
        assertThat(page.get(0).tags()).containsExactly("a", "c");
        assertThat(meta.listImages(r, digest('1'), 10)).extracting(Rows.Image::digest).containsExactly(digest('2'));
    }

    @Test
    void pullTimesKeepTheLatest() {
        long r = repo("app").id();
        meta.putManifest(manifest(r, digest('1'), null), List.of(), null, false, 10);
        meta.recordPulls(r, Map.of(digest('1'), 500L));
        meta.recordPulls(r, Map.of(digest('1'), 300L, digest('9'), 900L));
        assertThat(meta.findManifest(r, digest('1'))).hasValueSatisfying(m -> assertThat(m.lastPulledAt()).isEqualTo(500L));
    }

    // ---------------------------------------------------------------- uploads

    @Test
    void anUploadAdvancesOnlyUnderTheClaimOfItsWriter() {
        long r = repo("app").id();
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        assertThat(meta.advanceUpload("u1", "w1", 0, 5, 1, 20)).as("no claim taken").isFalse();
        assertThat(meta.claimUpload("u1", 0, "w1", 15, 0)).isTrue();
        assertThat(meta.claimUpload("u1", 0, "w2", 15, 0)).as("w1 holds it").isFalse();
        assertThat(meta.advanceUpload("u1", "w2", 0, 7, 1, 20)).as("w2 holds no claim").isFalse();
        assertThat(meta.advanceUpload("u1", "w1", 0, 5, 1, 20)).isTrue();
        assertThat(meta.advanceUpload("u1", "w1", 0, 5, 1, 20)).as("the claim ended with the advance").isFalse();
        assertThat(meta.claimUpload("u1", 0, "w2", 25, 0)).as("the size moved on").isFalse();
        assertThat(meta.findUpload("u1")).hasValue(new Rows.Upload("u1", r, 5, 1, 10, 20));
        assertThat(meta.uploadsUpdatedBefore(20)).isEmpty();
        assertThat(meta.uploadsUpdatedBefore(21)).extracting(Rows.Upload::uploadId).containsExactly("u1");
        assertThat(meta.deleteUpload("u1", 30)).isTrue();
        assertThat(meta.deleteUpload("u1", 31)).isFalse();
        assertThat(meta.findUpload("u1")).isEmpty();
    }

    @Test
    void aReleasedOrStaleClaimLetsTheNextWriterIn() {
        long r = repo("app").id();
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        assertThat(meta.claimUpload("u1", 0, "w1", 100, 0)).isTrue();
        meta.releaseUpload("u1", "w2");
        assertThat(meta.claimUpload("u1", 0, "w2", 101, 50)).as("another writer's release ends nothing").isFalse();
        meta.releaseUpload("u1", "w1");
        assertThat(meta.claimUpload("u1", 0, "w2", 102, 50)).isTrue();
        assertThat(meta.claimUpload("u1", 0, "w3", 200, 150)).as("w2's claim is older than the lease").isTrue();
        assertThat(meta.advanceUpload("u1", "w2", 0, 3, 1, 201)).as("the stale writer lost it").isFalse();
        assertThat(meta.findUpload("u1")).hasValueSatisfying(u -> assertThat(u.size()).isZero());
    }

    @Test
    void aRepositoryHoldsAtMostTheConfiguredNumberOfOpenUploads() {
        long r = repo("app").id();
        long other = repo("other").id();
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 2);
        meta.createUpload(new Rows.Upload("u2", r, 0, 0, 10, 10), 2);
        assertThatThrownBy(() -> meta.createUpload(new Rows.Upload("u3", r, 0, 0, 10, 10), 2)).isInstanceOf(LimitException.class);
        assertThat(meta.createUpload(new Rows.Upload("u2", r, 0, 0, 10, 11), 2)).as("it has its row: not counted twice").isFalse();
        assertThat(meta.findUpload("u3")).isEmpty();
        meta.createUpload(new Rows.Upload("u4", other, 0, 0, 10, 10), 2);
        meta.deleteUpload("u1", 20);
        assertThat(meta.createUpload(new Rows.Upload("u3", r, 0, 0, 10, 10), 2)).isTrue();
    }

    /** docs/design.md, "Upload sessions": a session is born without a row, and an id whose session ended is never valid again. */
    @Test
    void aSessionThatEndedNeverGetsARowAgainUntilItsEndIsPurged() {
        long r = repo("app").id();
        assertThat(meta.uploadEnded("u1")).isFalse();
        assertThat(meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10)).isTrue();
        assertThat(meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 11), 10)).as("it has its row").isFalse();
        assertThat(meta.deleteUpload("u1", 50)).isTrue();
        assertThat(meta.uploadEnded("u1")).isTrue();
        assertThat(meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 60), 10)).as("it ended").isFalse();
        assertThat(meta.findUpload("u1")).isEmpty();
        assertThat(meta.deleteUpload("u2", 70)).as("a session that never had a row ends too").isFalse();
        assertThat(meta.uploadEnded("u2")).isTrue();

        assertThat(meta.purgeEndedUploads(60)).isEqualTo(1);
        assertThat(meta.uploadEnded("u1")).isFalse();
        assertThat(meta.uploadEnded("u2")).isTrue();
    }

    @Test
    void aSessionWithoutARowCompletesOnceAndEveryCompletionEndsItsSession() {
        long r = repo("app").id();
        String d = digest('c');
        byte[] bytes = {4, 5, 6};
        assertThat(meta.completeWithContent("rowless", r, new Rows.Blob(d, 3), bytes, 3, 20, 10)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.uploadEnded("rowless")).isTrue();
        assertThat(meta.deleteUnreferencedLinks(100, 10)).as("unlinked again, so a second link would show").isEqualTo(1);
        assertThat(meta.completeWithContent("rowless", r, new Rows.Blob(d, 3), bytes, 3, 30, 10)).isEqualTo(UploadStore.Completion.SESSION_ENDED);
        assertThat(meta.findLinkedBlob(r, d)).isEmpty();

        String e = digest('d');
        assertThat(meta.pinBlob(new Rows.Blob(e, 3), "p1", 40, 1_000)).isTrue();
        assertThat(meta.completeEmptyUpload("rowless-2", "p1", r, e, 50, 10)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.pinBlob(new Rows.Blob(e, 3), "p2", 60, 1_000)).isTrue();
        assertThat(meta.completeEmptyUpload("rowless-2", "p2", r, e, 70, 10)).isEqualTo(UploadStore.Completion.SESSION_ENDED);

        meta.createUpload(new Rows.Upload("chunked", r, 0, 0, 80, 80), 10);
        assertThat(meta.claimUpload("chunked", 0, "w", 81, 0)).isTrue();
        assertThat(meta.advanceUpload("chunked", "w", 0, 3, 1, 82)).isTrue();
        assertThat(meta.pinBlob(new Rows.Blob(e, 3), "p3", 83, 1_000)).isTrue();
        assertThat(meta.completeUpload("chunked", "p3", r, e, 84)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.uploadEnded("chunked")).isTrue();
        assertThat(meta.createUpload(new Rows.Upload("chunked", r, 0, 0, 80, 90), 10)).isFalse();
    }

    @Test
    void anUploadOfADeletedRepositoryGoesWithIt() {
        long r = repo("app").id();
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        meta.deleteRepository(r);
        assertThat(meta.findUpload("u1")).isEmpty();
    }

    @Test
    void aCompletionLinksItsPinnedBlobAndEndsThePinAndTheSessionTogether() {
        long r = repo("app").id();
        String d = digest('c');
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        assertThat(meta.pinBlob(new Rows.Blob(d, 7), "p1", 10, 1_000)).isTrue();

        assertThat(meta.completeUpload("u1", "p1", r, d, 20)).isEqualTo(UploadStore.Completion.LINKED);

        assertThat(meta.findUpload("u1")).isEmpty();
        assertThat(meta.findLinkedBlob(r, d)).hasValue(new Rows.Blob(d, 7));
        // the pin ended with the link: once unlinked, the row is queued although the pin would still hold at 30
        assertThat(meta.deleteUnreferencedLinks(100, 10)).isEqualTo(1);
        assertThat(meta.queueUnlinkedBlobs(100, 30, 10)).extracting(GcStore.QueuedDeletion::digest).containsExactly(d);
    }

    @Test
    void aCompletionWhoseBlobRowWasCollectedLinksNothingAndEndsTheSession() {
        long r = repo("app").id();
        String d = digest('d');
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);

        assertThat(meta.completeUpload("u1", "p1", r, d, 20)).isEqualTo(UploadStore.Completion.BLOB_GONE);

        assertThat(meta.findUpload("u1")).isEmpty();
        assertThat(meta.findBlob(d)).isEmpty();
        assertThat(meta.findLinkedBlob(r, d)).isEmpty();
    }

    @Test
    void aWholeBlobCompletesOnlyAnEmptySessionThatNoLiveClaimHolds() {
        long r = repo("app").id();
        String d = digest('e');
        meta.createUpload(new Rows.Upload("grown", r, 0, 0, 10, 10), 10);
        assertThat(meta.claimUpload("grown", 0, "w1", 11, 0)).isTrue();
        assertThat(meta.advanceUpload("grown", "w1", 0, 5, 1, 12)).isTrue();
        meta.createUpload(new Rows.Upload("held", r, 0, 0, 10, 10), 10);
        assertThat(meta.claimUpload("held", 0, "w2", 100, 0)).isTrue();
        assertThat(meta.pinBlob(new Rows.Blob(d, 3), "p1", 10, 1_000)).isTrue();

        assertThat(meta.completeEmptyUpload("grown", "p1", r, d, 120, 50)).isEqualTo(UploadStore.Completion.SESSION_CHANGED);
        assertThat(meta.completeEmptyUpload("held", "p1", r, d, 120, 50)).as("claimed at 100, live after 50")
                .isEqualTo(UploadStore.Completion.SESSION_CHANGED);
        assertThat(meta.findUpload("grown")).hasValueSatisfying(u -> assertThat(u.size()).isEqualTo(5));
        assertThat(meta.findUpload("held")).isPresent();
        assertThat(meta.findLinkedBlob(r, d)).isEmpty();

        assertThat(meta.pinBlob(new Rows.Blob(d, 3), "p2", 130, 1_000)).isTrue();
        assertThat(meta.completeEmptyUpload("held", "p2", r, d, 140, 120)).as("the claim at 100 is stale before 120")
                .isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.findUpload("held")).isEmpty();
        assertThat(meta.findLinkedBlob(r, d)).hasValue(new Rows.Blob(d, 3));
    }

    @Test
    void aSmallBlobIsStoredMadeAndLinkedInOneCompletion() {
        long r = repo("app").id();
        long other = repo("other").id();
        String d = digest('f');
        byte[] buffer = "hello...".getBytes(java.nio.charset.StandardCharsets.UTF_8); // the caller's buffer may be longer
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        meta.createUpload(new Rows.Upload("u2", other, 0, 0, 10, 10), 10);

        assertThat(meta.completeWithContent("u1", r, new Rows.Blob(d, 5), buffer, 5, 20, 10)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.completeWithContent("u2", other, new Rows.Blob(d, 5), buffer, 5, 21, 10)).isEqualTo(UploadStore.Completion.LINKED);

        assertThat(meta.findUpload("u1")).isEmpty();
        assertThat(meta.findUpload("u2")).isEmpty();
        assertThat(meta.findLinkedBlob(r, d)).hasValue(new Rows.Blob(d, 5));
        assertThat(meta.findLinkedBlob(other, d)).hasValue(new Rows.Blob(d, 5));
        assertThat(meta.blobContent(d)).hasValueSatisfying(b -> assertThat(new String(b, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(meta.blobContentSize(d)).hasValue(5);
        assertThat(meta.blobContentDigests()).containsExactly(d);
        assertThat(meta.deleteBlobContents(List.of(d, digest('0')))).isEqualTo(1);
        assertThat(meta.blobContent(d)).isEmpty();
        assertThat(meta.deleteBlobContents(List.of())).isZero();
    }

    @Test
    void aSmallBlobCompletionWritesNothingWhileACollectorsClaimHoldsOrTheSessionChanged() {
        long r = repo("app").id();
        String d = digest('a');
        byte[] bytes = {1, 2, 3};
        meta.createUpload(new Rows.Upload("u1", r, 0, 0, 10, 10), 10);
        assertThat(meta.completeWithContent("u1", r, new Rows.Blob(d, 3), bytes, 3, 20, 10)).isEqualTo(UploadStore.Completion.LINKED);
        // a collector unlinks the blob, queues its row and claims the deletion of its bytes
        assertThat(meta.deleteUnreferencedLinks(100, 10)).isEqualTo(1);
        assertThat(meta.queueUnlinkedBlobs(100, 30, 10)).extracting(GcStore.QueuedDeletion::digest).containsExactly(d);
        assertThat(meta.claimDeletions("gc", 110, 1_000, 10)).hasSize(1);

        meta.createUpload(new Rows.Upload("u2", r, 0, 0, 120, 120), 10);
        assertThat(meta.completeWithContent("u2", r, new Rows.Blob(d, 3), bytes, 3, 130, 100)).isEqualTo(UploadStore.Completion.BLOB_CLAIMED);
        assertThat(meta.findUpload("u2")).as("the session stays").isPresent();
        assertThat(meta.findBlob(d)).isEmpty();

        // the collector deletes the bytes and ends its claim; the same completion then makes everything afresh
        assertThat(meta.deleteBlobContents(List.of(d))).isEqualTo(1);
        meta.finishDeletions("gc", List.of(d));
        assertThat(meta.completeWithContent("u2", r, new Rows.Blob(d, 3), bytes, 3, 140, 100)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(meta.blobContent(d)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(meta.findLinkedBlob(r, d)).hasValue(new Rows.Blob(d, 3));

        // a session that received a chunk meanwhile wins: no row, no bytes
        String e = digest('b');
        meta.createUpload(new Rows.Upload("grown", r, 0, 0, 150, 150), 10);
        assertThat(meta.claimUpload("grown", 0, "w1", 151, 0)).isTrue();
        assertThat(meta.advanceUpload("grown", "w1", 0, 5, 1, 152)).isTrue();
        assertThat(meta.completeWithContent("grown", r, new Rows.Blob(e, 3), bytes, 3, 160, 100)).isEqualTo(UploadStore.Completion.SESSION_CHANGED);
        assertThat(meta.findUpload("grown")).hasValueSatisfying(u -> assertThat(u.size()).isEqualTo(5));
        assertThat(meta.findBlob(e)).isEmpty();
        assertThat(meta.blobContent(e)).isEmpty();
    }

    // ---------------------------------------------------------------- settings and cascades

    @Test
    void settingsAreOverwritten() {
        assertThat(meta.setting("k")).isEmpty();
        meta.putSetting("k", "1");
        meta.putSetting("k", "2");
        assertThat(meta.setting("k")).hasValue("2");
    }

    @Test
    void deletingARepositoryLeavesNoRowOfIt() throws Exception {
        Rows.Repository keep = repo("keep");
        meta.putManifest(manifest(keep.id(), digest('k'), null), List.of(), "k", false, 10);
        Map<String, Long> before = accountOwnedRowCounts();
        Rows.Repository r = meta.createRepository(new Rows.NewRepository(ACCOUNT, "full", "MUTABLE", null, false, "AES256", null, 1,
                Map.of("team", "a")), 10);
        meta.linkBlob(r.id(), new Rows.Blob(digest('b'), 1), 1);
        meta.putManifest(manifest(r.id(), digest('c'), digest('k')), List.of(new Rows.Reference(digest('b'), Rows.Reference.BLOB)),
                "child", false, 10);
        meta.putManifest(manifest(r.id(), digest('i'), null), List.of(new Rows.Reference(digest('c'), Rows.Reference.MANIFEST)),
                "index", false, 10);
        meta.createUpload(new Rows.Upload("u1", r.id(), 0, 0, 1, 1), 10);
        meta.deleteRepository(r.id());
        assertThat(accountOwnedRowCounts()).isEqualTo(before);
        assertThat(meta.findBlob(digest('b'))).as("blob rows stay for garbage collection").isPresent();
    }
}
