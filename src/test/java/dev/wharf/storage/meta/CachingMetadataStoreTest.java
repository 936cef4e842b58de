package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CachingMetadataStoreTest {
    private static final String ACCOUNT = "111122223333";
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    Path dir;
    private MetadataStore sqlite;
    /** Calls that reached the real store, by method name. */
    private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private MetadataStore cached;
    private long repositoryId;

    @BeforeEach
    void open() {
        sqlite = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        MetadataStore counting = (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(sqlite, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        cached = CachingMetadataStore.wrap(counting, Duration.ofSeconds(1), nanos::get);
        cached.createAccount(new Rows.Account(ACCOUNT, true, 0), new Rows.AccessKey("AKIACACHETEST0000001", ACCOUNT, null, "v1:x", "Active", 0));
        repositoryId = cached.createRepository(new Rows.NewRepository(ACCOUNT, "team-a/app", "MUTABLE", null, false,
                "AES256", null, 0, Map.of()), 100).id();
    }

    @AfterEach
    void close() {
        cached.close();
    }

    private int reads(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    private void putManifest(String tag) {
        cached.putManifest(new Rows.Manifest(repositoryId, DIGEST, "application/vnd.oci.image.manifest.v1+json", null, null,
                2, 2, "{}".getBytes(), 0, null), List.of(), tag, false, 1000);
    }

    @Test
    void aRepeatedPullPathReadIsAnsweredFromTheCacheWithinTheTtl() {
        putManifest("v1");
        for (int i = 0; i < 5; i++) {
            assertThat(cached.findManifest(repositoryId, DIGEST)).isPresent();
            assertThat(cached.findRepository(ACCOUNT, "team-a/app")).isPresent();
            assertThat(cached.defaultAccount()).map(Rows.Account::accountId).hasValue(ACCOUNT);
        }
        assertThat(reads("findManifest")).isEqualTo(1);
        assertThat(reads("findRepository")).isEqualTo(1);
        assertThat(reads("defaultAccount")).isEqualTo(1);
    }

    @Test
    void aCachedRowIsReadAgainOnceTheTtlHasPassed() {
        putManifest("v1");
        cached.findManifest(repositoryId, DIGEST);
        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        cached.findManifest(repositoryId, DIGEST);
        assertThat(reads("findManifest")).isEqualTo(2);
    }

    @Test
    void aDeleteThroughTheStoreIsSeenAtOnce() {
        putManifest("v1");
        assertThat(cached.findManifest(repositoryId, DIGEST)).isPresent();
        assertThat(cached.deleteManifest(repositoryId, DIGEST)).isTrue();
        assertThat(cached.findManifest(repositoryId, DIGEST)).isEmpty();
    }

    @Test
    void anAbsentRowIsNotCachedSoThatItsCreationIsSeenAtOnce() {
        assertThat(cached.findManifest(repositoryId, DIGEST)).isEmpty();
        sqlite.putManifest(new Rows.Manifest(repositoryId, DIGEST, "application/vnd.oci.image.manifest.v1+json", null, null,
                2, 2, "{}".getBytes(), 0, null), List.of(), null, false, 1000); // another node's write
        assertThat(cached.findManifest(repositoryId, DIGEST)).isPresent();
    }

    @Test
    void presentAccessKeysAndTagsAreCachedAndAbsentOnesReadAgainByACacheOfThisProcessOnly() {
        putManifest("v1");
        for (int i = 0; i < 3; i++) {
            assertThat(cached.findAccessKey("AKIACACHETEST0000001")).isPresent();
            assertThat(cached.findTag(repositoryId, "v1")).isPresent();
            assertThat(cached.findAccessKey("AKIACACHETEST0000002")).isEmpty();
            assertThat(cached.findTag(repositoryId, "v2")).isEmpty();
        }
        // without the shared generation no other process's insert is seen: an absent answer kept would hide it
        assertThat(reads("findAccessKey")).isEqualTo(1 + 3);
        assertThat(reads("findTag")).isEqualTo(1 + 3);
    }

    @Test
    void uploadSessionWritesLeaveCachedRowsInPlace() {
        putManifest("v1");
        cached.findManifest(repositoryId, DIGEST);
        cached.createUpload(new Rows.Upload("u-1", repositoryId, 0, 0, 0, 0), 10);
        cached.claimUpload("u-1", 0, "w", 1, 0);
        cached.advanceUpload("u-1", "w", 0, 3, 1, 2);
        cached.deleteUpload("u-1", 3);
        cached.findManifest(repositoryId, DIGEST);
        assertThat(reads("findManifest")).isEqualTo(1);
    }

    @Test
    void aBlobsCompletionOrLinkLeavesCachedRowsInPlaceAndItsLinkIsReadAtOnce() {
        long second = cached.createRepository(new Rows.NewRepository(ACCOUNT, "team-a/other", "MUTABLE", null, false,
                "AES256", null, 0, Map.of()), 100).id();
        putManifest("v1");
        String blob = "sha256:" + "b".repeat(64);
        String other = "sha256:" + "c".repeat(64);
        cached.findManifest(repositoryId, DIGEST);
        cached.findRepository(ACCOUNT, "team-a/app");
        int manifests = reads("findManifest");
        int repositories = reads("findRepository");
        assertThat(cached.findLinkedBlob(repositoryId, blob)).isEmpty();

        assertThat(cached.pinBlob(new Rows.Blob(blob, 5), "pin-1", 0, 60_000)).isTrue();
        cached.createUpload(new Rows.Upload("u-2", repositoryId, 0, 0, 0, 0), 10);
        assertThat(cached.completeUpload("u-2", "pin-1", repositoryId, blob, 20)).isEqualTo(UploadStore.Completion.LINKED);
        assertThat(cached.findLinkedBlob(repositoryId, blob)).as("the new link, read at once").isPresent();
        assertThat(cached.linkBlob(repositoryId, new Rows.Blob(other, 7), 30)).isTrue();
        assertThat(cached.findLinkedBlob(repositoryId, other)).isPresent();
        assertThat(cached.linkExistingBlob(second, blob, 40)).isTrue();
        assertThat(cached.findLinkedBlob(second, blob)).isPresent();

        cached.findManifest(repositoryId, DIGEST);
        cached.findRepository(ACCOUNT, "team-a/app");
        assertThat(reads("findManifest")).as("kept through the completion and the links").isEqualTo(manifests);
        assertThat(reads("findRepository")).isEqualTo(repositories);
        // a write that may change a cached row still empties it
        cached.deleteTag(repositoryId, "v1");
        cached.findRepository(ACCOUNT, "team-a/app");
        assertThat(reads("findRepository")).isEqualTo(repositories + 1);
    }

    @Test
    void aPullTimeFlushDropsTheFlushedManifestsRowsAndKeepsTheRest() {
        putManifest("v1");
        assertThat(cached.findManifest(repositoryId, DIGEST).orElseThrow().lastPulledAt()).isNull();
        cached.findRepository(ACCOUNT, "team-a/app");
        int manifests = reads("findManifest");
        int repositories = reads("findRepository");

        cached.recordPulls(repositoryId, Map.of(DIGEST, 5_000L));
        assertThat(cached.findManifest(repositoryId, DIGEST).orElseThrow().lastPulledAt()).as("the flushed pull time, at once")
                .isEqualTo(5_000L);
        cached.findRepository(ACCOUNT, "team-a/app");
        assertThat(reads("findManifest")).isEqualTo(manifests + 1);
        assertThat(reads("findRepository")).as("kept through the flush").isEqualTo(repositories);
    }

    @Test
    void theCacheHoldsABoundedNumberOfRows() {
        MetadataStore small = CachingMetadataStore.wrap(sqlite, Duration.ofSeconds(1), nanos::get, 10);
        for (int i = 0; i < 15; i++) {
            small.linkBlob(repositoryId, new Rows.Blob("sha256:" + String.format("%064x", i), 1), 0);
        }
        for (int i = 0; i < 15; i++) {
            assertThat(small.findLinkedBlob(repositoryId, "sha256:" + String.format("%064x", i))).isPresent();
        }
        assertThat(((CachingMetadataStore) ((MetadataStoreForwarder) small).handler()).size()).isLessThanOrEqualTo(10);
    }
}
