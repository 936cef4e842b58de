package dev.wharf.registry;

import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector that dies at a random moment — before or after any call it makes to the real
 * database or the real blob store — leaves nothing an image needs missing, and the next pass
 * (once the dead collector's claims have lapsed) frees exactly what is garbage.
 */
@Tag("slow") // a stress test of seconds: in bin/test, not in the inner loop (bin/test --fast)
class GcCrashTest {
    @TempDir
    Path dir;

    /** The crash: thrown by the fault injector, as a process dying would stop the collector at that point. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("injected crash", null, false, false);
        }
    }

    /** Counts the calls through both stores; the {@code at}-th one crashes, before or after it reaches the store. */
    static final class Faults {
        final AtomicInteger left;
        final boolean afterCall;
        volatile boolean crashed;

        Faults(int at, boolean afterCall) {
            this.left = new AtomicInteger(at);
            this.afterCall = afterCall;
        }

        <T> T call(StoreCall<T> c) throws Exception {
            boolean crash = left.decrementAndGet() == 0;
            if (crash && !afterCall) {
                crashed = true;
                throw new Crash();
            }
            T r = c.run();
            if (crash) {
                crashed = true;
                throw new Crash();
            }
            return r;
        }
    }

    interface StoreCall<T> {
        T run() throws Exception;
    }

    static MetadataStore faulty(MetadataStore real, Faults f) {
        return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(), new Class<?>[]{MetadataStore.class},
                (proxy, m, args) -> {
                    if (m.getDeclaringClass() == Object.class) return m.invoke(real, args);
                    return f.call(() -> {
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw (Exception) e.getCause();
                        }
                    });
                });
    }

    record FaultyBlobStore(BlobStore real, Faults f) implements BlobStore {
        public OptionalLong size(Digest d) throws IOException { return real.size(d); }
        public InputStream open(Digest d, long offset) throws IOException { return real.open(d, offset); }
        public void delete(Digest d) throws IOException {
            try {
                f.call(() -> { real.delete(d); return null; });
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        public void createUpload(String id) throws IOException { real.createUpload(id); }
        public long write(String id, long offset, InputStream data) throws IOException { return real.write(id, offset, data); }
        public InputStream openUpload(String id) throws IOException { return real.openUpload(id); }
        public void commitUpload(String id, long length, Digest d) throws IOException { real.commitUpload(id, length, d); }
        public void abortUpload(String id) throws IOException { real.abortUpload(id); }
        public List<String> uploadsOlderThan(Instant cutoff) throws IOException { return real.uploadsOlderThan(cutoff); }
        public List<Digest> list() throws IOException { return real.list(); }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void aCollectorCrashingAtARandomCallLosesNothingAndTheNextPassFreesExactlyTheGarbage(int seed) {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock();
        try (GcFixture f = new GcFixture(dir, clock)) {
            f.createRepository("crash/a");
            f.createRepository("crash/b");
            List<byte[]> base = List.of(bytes("base 1 " + seed), bytes("base 2 " + seed), bytes("base 3 " + seed));
            Map<Digest, String> images = new HashMap<>();
            Map<Digest, List<Digest>> needs = new HashMap<>();
            for (int i = 0; i < 8; i++) {
                String repo = i % 2 == 0 ? "crash/a" : "crash/b";
                byte[] cfg = bytes("{\"image\":" + i + ",\"seed\":" + seed + "}");
                List<byte[]> layers = List.of(base.get(rnd.nextInt(base.size())), bytes("own layer " + i + " " + seed));
                Digest m = f.pushImage(repo, "t" + i, cfg, layers);
                images.put(m, repo);
                List<Digest> n = new ArrayList<>(List.of(Digest.sha256(cfg)));
                for (byte[] l : layers) n.add(Digest.sha256(l));
                needs.put(m, n);
            }
            for (Digest m : List.copyOf(images.keySet())) {
                if (rnd.nextBoolean()) {
                    f.deleteImage(images.get(m), m);
                    images.remove(m);
                }
            }
            if (rnd.nextInt(4) == 0) {
                // a whole repository goes too
                f.repositories.delete(f.caller, GcFixture.ACCOUNT, "crash/b", true);
                images.values().removeIf("crash/b"::equals);
            }

            Faults faults = new Faults(1 + rnd.nextInt(30), rnd.nextBoolean());
            try {
                f.collector(faulty(f.meta, faults), new FaultyBlobStore(f.store, faults)).run(Duration.ZERO, false);
            } catch (Crash expected) {
                // the process died here
            }
            assertEveryImagePulls(f, images, needs);

            // the dead collector's lease and claims lapse; a new one runs
            clock.advance(Duration.ofHours(2));
            GarbageCollector.Report r = f.gc(Duration.ZERO);
            assertThat(r.failed()).isZero();

            assertEveryImagePulls(f, images, needs);
            Set<Digest> needed = new HashSet<>();
            for (Digest m : images.keySet()) needed.addAll(needs.get(m));
            assertThat(f.stored()).as("exactly the blobs the remaining images need (crash %s)", faults.crashed ? "injected" : "not reached")
                    .containsExactlyInAnyOrderElementsOf(needed);
            GcStore.GcPreview left = f.meta.previewGarbage(clock.millis(), clock.millis());
            assertThat(left.queued()).as("deletion queue drained").isZero();
            assertThat(left.blobs()).isZero();
        }
    }

    private static void assertEveryImagePulls(GcFixture f, Map<Digest, String> images, Map<Digest, List<Digest>> needs) {
        for (Map.Entry<Digest, String> e : images.entrySet()) {
            assertThat(f.images.get(f.caller, GcFixture.ACCOUNT, e.getValue(), e.getKey().toString(), false).digest()).isEqualTo(e.getKey());
            for (Digest b : needs.get(e.getKey())) {
                assertThat(f.pullsAndVerifies(e.getValue(), b)).as("blob %s of %s", b, e.getKey()).isTrue();
            }
        }
    }
}
