package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The garbage-collection benchmark of docs/performance.md, in-process over the real stores (no
 * HTTP): run with {@code bench/gc} (or {@code mvn -o -q test -Dtest=GcBenchTest -Dwharf.bench=true}).
 * Prints its figures; asserts only that the collection was complete.
 */
@EnabledIfSystemProperty(named = "wharf.bench", matches = "true")
class GcBenchTest {
    private static final int IMAGES = Integer.getInteger("wharf.bench.images", 2000);
    private static final int ROWS = Integer.getInteger("wharf.bench.rows", 100_000);
    private static final int SHARED = 50;
    private static final int LAYER_BYTES = 16 * 1024;
    /** Images spread over repositories to stay under the images-per-repository limit. */
    private static final int REPOS = 8;
    private static final Duration GRACE = Duration.ofMinutes(30);

    private static String repo(int image) {
        return "bench/gc" + image % REPOS;
    }

    @TempDir
    Path dir;

    @Test
    void twoThousandImagesHalfDeletedThenAPassWithLatenciesBesideIt() throws Exception {
        MutableClock clock = new MutableClock();
        try (GcFixture f = new GcFixture(dir, clock)) {
            for (int r = 0; r < REPOS; r++) f.createRepository("bench/gc" + r);
            Random rnd = new Random(1);
            List<Digest> manifests = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < IMAGES; i++) {
                byte[] own = new byte[LAYER_BYTES];
                rnd.nextBytes(own);
                byte[] shared = bytes("shared layer " + rnd.nextInt(SHARED) + "x".repeat(LAYER_BYTES));
                manifests.add(f.pushImage(repo(i), "t" + i, bytes("{\"i\":" + i + "}"), List.of(shared, own)));
            }
            System.out.printf("gc-bench: pushed %d images in %d s%n", IMAGES, Duration.ofNanos(System.nanoTime() - t0).toSeconds());

            long[] quiet = latencies(f, manifests, null);
            System.out.printf("gc-bench: without a pass: manifest GET p50/p99 %.2f/%.2f ms, push p50/p99 %.2f/%.2f ms%n",
                    quiet[0] / 1e6, quiet[1] / 1e6, quiet[2] / 1e6, quiet[3] / 1e6);
            // half the images deleted, in two quarters: one pass without rests between its transactions, one with
            for (int i = 0; i < IMAGES; i += 4) f.deleteImage(repo(i), manifests.get(i));
            GarbageCollector.Report unpaced = passWithLatencies(f, manifests, Duration.ZERO, "no rests");
            for (int i = 2; i < IMAGES; i += 4) f.deleteImage(repo(i), manifests.get(i));
            GarbageCollector.Report paced = passWithLatencies(f, manifests, GarbageCollector.MAX_REST, "rests (the code as it stands)");
            assertThat(unpaced.blobs() + paced.blobs()).isGreaterThanOrEqualTo(IMAGES); // each deleted image's config and own layer
        }
    }

    /** One pass with {@code maxRest} while GETs and pushes run beside it; prints its speed, its share of the write lock and the latencies. */
    private static GarbageCollector.Report passWithLatencies(GcFixture f, List<Digest> manifests, Duration maxRest, String label)
            throws Exception {
        // what was pushed so far is older than the grace; the probe pushes beside the pass are not, so none is refused
        ((MutableClock) f.clock).advance(GRACE.multipliedBy(2));
        AtomicLong inWrites = new AtomicLong();
        GcStore timed = (GcStore) Proxy.newProxyInstance(GcStore.class.getClassLoader(), new Class<?>[]{GcStore.class}, (p, m, args) -> {
            long t = System.nanoTime();
            try {
                return m.invoke(f.meta, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (WRITES.contains(m.getName())) inWrites.addAndGet(System.nanoTime() - t);
            }
        });
        GarbageCollector gc = new GarbageCollector(timed, f.store, f.clock, new LeaseExclusive(timed, "gc", Duration.ofHours(1), f.clock),
                GarbageCollector.BATCH, maxRest);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        GarbageCollector.Report r;
        long[] during;
        try {
            Future<GarbageCollector.Report> pass = pool.submit(() -> {
                try {
                    return gc.run(GRACE, false);
                } finally {
                    done.set(true);
                }
            });
            during = latencies(f, manifests, done);
            r = pass.get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        double s = r.took().toNanos() / 1e9;
        System.out.printf("gc-bench: pass with %s: %s; %.0f blobs/s, %.1f MiB/s freed; in write transactions %.0f%% of the pass%n", label,
                r.summary(), r.blobs() / s, r.bytes() / s / (1 << 20), 100.0 * inWrites.get() / r.took().toNanos());
        System.out.printf("gc-bench: during it: manifest GET p50/p99 %.2f/%.2f ms, push p50/p99 %.2f/%.2f ms (%d GETs, %d pushes)%n",
                during[0] / 1e6, during[1] / 1e6, during[2] / 1e6, during[3] / 1e6, during[4], during[5]);
        return r;
    }

    /** The collector's calls that take SQLite's write lock. */
    private static final Set<String> WRITES = Set.of("deleteOrphanManifests", "deleteUnreferencedLinks", "queueUnlinkedBlobs",
            "claimDeletions", "finishDeletions");

    /**
     * Manifest GET and push latencies: p50, p99 of each, and the numbers of GET and push samples. With
     * {@code until}, samples while it is false (at least 50); else a fixed 400.
     */
    private static long[] latencies(GcFixture f, List<Digest> manifests, AtomicBoolean until) {
        List<Long> gets = new ArrayList<>(), pushes = new ArrayList<>();
        Random rnd = new Random(2);
        int n = 0;
        while (until == null ? n < 400 : (!until.get() || n < 50)) {
            int i = 1 + 2 * rnd.nextInt(manifests.size() / 2);
            long t = System.nanoTime();
            f.images.get(f.caller, GcFixture.ACCOUNT, repo(i), manifests.get(i).toString(), false);
            gets.add(System.nanoTime() - t);
            if (n % 10 == 0) {
                byte[] layer = new byte[LAYER_BYTES];
                rnd.nextBytes(layer);
                t = System.nanoTime();
                f.pushImage(repo(n), null, bytes("{\"probe\":" + System.nanoTime() + "}"), List.of(layer));
                pushes.add(System.nanoTime() - t);
            }
            n++;
        }
        return new long[]{pct(gets, 50), pct(gets, 99), pct(pushes, 50), pct(pushes, 99), gets.size(), pushes.size()};
    }

    private static long pct(List<Long> xs, int p) {
        long[] a = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)];
    }

    @Test
    void aPassOverOneHundredThousandGeneratedBlobRows() throws Exception {
        MutableClock clock = new MutableClock();
        try (GcFixture f = new GcFixture(dir, clock)) {
            f.createRepository("bench/rows");
            long repo = f.repositories.find(GcFixture.ACCOUNT, "bench/rows").orElseThrow().id();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wharf.db"))) {
                c.setAutoCommit(false);
                try (PreparedStatement b = c.prepareStatement("INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, 0)");
                     PreparedStatement l = c.prepareStatement("INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, 0)")) {
                    for (int i = 0; i < ROWS; i++) {
                        String d = "sha256:" + String.format("%064x", i);
                        b.setString(1, d);
                        b.setLong(2, 1000 + i);
                        b.addBatch();
                        l.setLong(1, repo);
                        l.setString(2, d);
                        l.addBatch();
                    }
                    b.executeBatch();
                    l.executeBatch();
                }
                c.commit();
            }
            GarbageCollector.Report r = f.gc(Duration.ZERO);
            System.out.printf("gc-bench: %d generated rows (links, rows, queue; bytes absent): %s; %.0f blobs/s%n", ROWS, r.summary(),
                    r.blobs() / (r.took().toNanos() / 1e9));
            assertThat(r.blobs()).isEqualTo(ROWS);
        }
    }
}
