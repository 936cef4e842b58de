package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared cache generation: which writes bump it (the database's triggers, whoever writes), and
 * how the cache uses it (once per request, every row checked against it).
 */
class CacheGenerationsTest {
    private static final String ACCOUNT = "111122223333";
    private static final String DIGEST = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;
    /** Another process on the same database: writes that no cache of ours sees go through it. */
    private MetadataStore other;
    private MetadataStore mine;
    private LongSupplier generation;
    private long repositoryId;

    @BeforeEach
    void open() {
        other = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        mine = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        generation = JdbcCacheGenerations.sharing(other);
        other.createAccount(new Rows.Account(ACCOUNT, true, 0), new Rows.AccessKey("AKIAGENERATIONTEST01", ACCOUNT, null, "v1:x", "Active", 0));
        repositoryId = other.createRepository(new Rows.NewRepository(ACCOUNT, "team/app", "MUTABLE", null, false,
                "AES256", null, 0, Map.of()), 100).id();
        other.putManifest(new Rows.Manifest(repositoryId, DIGEST, "application/vnd.oci.image.manifest.v1+json", null, null,
                2, 2, "{}".getBytes(), 0, null), List.of(), "v1", false, 1000);
    }

    @AfterEach
    void close() {
        mine.close();
        other.close();
    }

    @Test
    void pushesAndPullTimesLeaveTheGenerationAloneAndDeletesAndLimitsBumpIt() {
        long g = generation.getAsLong();
        other.putManifest(new Rows.Manifest(repositoryId, "sha256:" + "c".repeat(64), "application/vnd.oci.image.manifest.v1+json",
                null, null, 2, 2, "{}".getBytes(), 0, null), List.of(), "v2", false, 1000);
        other.linkBlob(repositoryId, new Rows.Blob("sha256:" + "d".repeat(64), 1), 0);
        other.recordPulls(repositoryId, Map.of(DIGEST, 5L));
        assertThat(generation.getAsLong()).as("after a push and a pull-time flush").isEqualTo(g);

        other.putAccountLimit(ACCOUNT, "repositoriesPerAccount", 3);
        long afterLimit = generation.getAsLong();
        assertThat(afterLimit).as("after a limit is set").isGreaterThan(g);
        other.deleteManifest(repositoryId, DIGEST);
        assertThat(generation.getAsLong()).as("after a delete").isGreaterThan(afterLimit);
    }

    @Test
    void aRowDeletedByAnotherProcessIsNotServedAtTheNextLookup() {
        MetadataStore cached = CachingMetadataStore.wrap(mine);
        assertThat(cached.findManifest(repositoryId, DIGEST)).isPresent();
        assertThat(cached.findRepository(ACCOUNT, "team/app")).isPresent();

        other.deleteManifest(repositoryId, DIGEST);
        assertThat(cached.findManifest(repositoryId, DIGEST)).isEmpty();
        other.deleteRepository(repositoryId);
        assertThat(cached.findRepository(ACCOUNT, "team/app")).isEmpty();
    }

    @Test
    void anEmptyLimitAnswerIsCachedAndALimitSetByAnotherProcessIsSeenAtTheNextLookup() {
        MetadataStore cached = CachingMetadataStore.wrap(mine);
        assertThat(cached.accountLimits(ACCOUNT)).isEmpty();
        other.putAccountLimit(ACCOUNT, "imagesPerRepository", 7);
        assertThat(cached.accountLimits(ACCOUNT)).containsEntry("imagesPerRepository", 7L);
    }

    @Test
    void aRequestReadsTheGenerationOnceAndTheNextRequestSeesWritesMadeBetween() {
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Object> request = new AtomicReference<>(new Object());
        MetadataStore cached = CachingMetadataStore.wrap(mine, () -> {
            reads.incrementAndGet();
            return generation.getAsLong();
        }, request::get);
        for (int i = 0; i < 3; i++) {
            assertThat(cached.findManifest(repositoryId, DIGEST)).isPresent();
            assertThat(cached.findAccount(ACCOUNT)).isPresent();
        }
        assertThat(reads.get()).as("generation reads in one request").isEqualTo(1);

        other.deleteManifest(repositoryId, DIGEST);
        request.set(new Object());
        assertThat(cached.findManifest(repositoryId, DIGEST)).as("the next request").isEmpty();
        assertThat(reads.get()).isEqualTo(2);
    }
}
