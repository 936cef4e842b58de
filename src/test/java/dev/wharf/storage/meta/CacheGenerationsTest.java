package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** {@code mine} with every call that reaches it counted by method name. */
    private MetadataStore counted(Map<String, AtomicInteger> calls) {
        return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(), new Class<?>[] {MetadataStore.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(mine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int count(Map<String, AtomicInteger> calls, String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    private static Rows.Manifest manifest(long repositoryId, char digit) {
        return new Rows.Manifest(repositoryId, "sha256:" + String.valueOf(digit).repeat(64), "application/vnd.oci.image.manifest.v1+json",
                null, null, 2, 2, "{}".getBytes(), 0, null);
    }

    @Test
    void aPushOfANewImageKeepsTheCachedRowsAndALaterRequestReadsThemFromTheCache() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicReference<Object> request = new AtomicReference<>(new Object());
        MetadataStore cached = CachingMetadataStore.wrap(counted(calls), generation, request::get);
        assertThat(cached.findRepository(ACCOUNT, "team/app")).isPresent();
        assertThat(cached.accountLimits(ACCOUNT)).isEmpty();
        assertThat(cached.findAccessKey("AKIAGENERATIONTEST01")).isPresent();

        cached.putManifest(manifest(repositoryId, 'e'), List.of(), "v2", false, 1000);
        assertThat(cached.findTag(repositoryId, "v2").map(Rows.Tag::digest)).as("the new tag, within the request that pushed it")
                .contains("sha256:" + "e".repeat(64));
        request.set(new Object());
        assertThat(cached.findRepository(ACCOUNT, "team/app")).isPresent();
        assertThat(cached.accountLimits(ACCOUNT)).isEmpty();
        assertThat(cached.findAccessKey("AKIAGENERATIONTEST01")).isPresent();
        assertThat(count(calls, "findRepository")).as("repository reads").isEqualTo(1);
        assertThat(count(calls, "accountLimits")).as("limit reads").isEqualTo(1);
        assertThat(count(calls, "findAccessKey")).as("access key reads").isEqualTo(1);
    }

    @Test
    void aWriteThatMakesACachedRowStaleIsSeenAtOnceWithinItsRequestAndAfter() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicReference<Object> request = new AtomicReference<>(new Object());
        MetadataStore cached = CachingMetadataStore.wrap(counted(calls), generation, request::get);
        assertThat(cached.findTag(repositoryId, "v1").map(Rows.Tag::digest)).contains(DIGEST);
        assertThat(cached.accountLimits(ACCOUNT)).isEmpty();

        // the tag moves to another image: an update, which bumps the generation in the write's transaction
        cached.putManifest(manifest(repositoryId, 'f'), List.of(), "v1", false, 1000);
        assertThat(cached.findTag(repositoryId, "v1").map(Rows.Tag::digest)).as("within the request that moved it").contains("sha256:" + "f".repeat(64));
        assertThat(cached.findTag(repositoryId, "v1")).isPresent();
        assertThat(count(calls, "findTag")).as("tag reads: before the move, after it, then cached").isEqualTo(2);
        cached.putAccountLimit(ACCOUNT, "imagesPerRepository", 9);
        assertThat(cached.accountLimits(ACCOUNT)).as("a limit set within the request").containsEntry("imagesPerRepository", 9L);
        request.set(new Object());
        assertThat(cached.findTag(repositoryId, "v1").map(Rows.Tag::digest)).as("the next request").contains("sha256:" + "f".repeat(64));
        assertThat(cached.accountLimits(ACCOUNT)).containsEntry("imagesPerRepository", 9L);
    }
}
