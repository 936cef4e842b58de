package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CachingMetadataStoreClassificationTest {
    private static final String ACCOUNT = "111122223333";
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    Path dir;

    @Test
    void everyMethodOfTheSpiIsListedExactlyOnceAsAReadOrAWrite() {
        List<String> spi = Arrays.stream(MetadataStore.class.getMethods()).map(Method::getName).distinct().sorted().toList();
        List<Set<String>> lists = List.of(CachingMetadataStore.CACHED, CachingMetadataStore.CACHED_WHOLE, CachingMetadataStore.READS,
                CachingMetadataStore.NEUTRAL_WRITES, CachingMetadataStore.WRITES);
        for (String m : spi) {
            assertThat(lists.stream().filter(l -> l.contains(m)).count()).as(m + " is in exactly one list").isEqualTo(1);
        }
        assertThat(lists.stream().flatMap(Set::stream).sorted().toList()).as("no list names a method the SPI lacks")
                .containsExactlyInAnyOrderElementsOf(spi);
        assertThat(CachingMetadataStore.unclassified()).isEmpty();
    }

    @Test
    void everyMethodOfTheIamStoreIsListedExactlyOnceAsAReadOrAWrite() {
        List<String> spi = Arrays.stream(IamStore.class.getMethods()).map(Method::getName).distinct().sorted().toList();
        List<Set<String>> lists = List.of(CachingMetadataStore.IAM_CACHED, CachingMetadataStore.IAM_CACHED_WHOLE, CachingMetadataStore.IAM_READS,
                CachingMetadataStore.IAM_NEUTRAL_WRITES, CachingMetadataStore.IAM_WRITES);
        for (String m : spi) {
            assertThat(lists.stream().filter(l -> l.contains(m)).count()).as(m + " is in exactly one list").isEqualTo(1);
        }
        assertThat(lists.stream().flatMap(Set::stream).sorted().toList()).as("no list names a method the IamStore lacks")
                .containsExactlyInAnyOrderElementsOf(spi);
    }

    @Test
    void readsWhoseNamesLookLikeNothingLeaveTheCacheInPlace() {
        MetadataStore sqlite = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        MetadataStore counting = (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(sqlite, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        MetadataStore cached = CachingMetadataStore.wrap(counting, Duration.ofHours(1), () -> 0L);
        try {
            cached.createAccount(new Rows.Account(ACCOUNT, true, 0), new Rows.AccessKey("AKIACACHETEST0000001", ACCOUNT, null, "v1:x", "Active", 0));
            long repo = cached.createRepository(new Rows.NewRepository(ACCOUNT, "app", "MUTABLE", null, false, "AES256", null, 0,
                    Map.of()), 10).id();
            cached.putManifest(new Rows.Manifest(repo, DIGEST, "application/vnd.oci.image.manifest.v1+json", null, null, 2, 2,
                    "{}".getBytes(), 0, null), List.of(), "v1", false, 10);
            cached.findManifest(repo, DIGEST);
            // the reads a push makes that a name-prefix guess took for writes
            Stream.<Runnable>of(() -> cached.accountLimits(ACCOUNT), () -> cached.indexChildren(repo),
                    () -> cached.findLayerParts("u"), () -> cached.listImages(repo, null, 10)).forEach(Runnable::run);
            cached.findManifest(repo, DIGEST);
            assertThat(calls.get("findManifest").get()).as("served from the cache the second time").isEqualTo(1);
        } finally {
            cached.close();
        }
    }
}
