package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
            for (int i = 0; i < IMAGES; i += 2) f.deleteImage(repo(i), manifests.get(i));

            long[] quiet = latencies(f, manifests, null);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            GarbageCollector.Report r;
            long[] during;
            try {
                Future<GarbageCollector.Report> pass = pool.submit(() -> {
                    try {
                        return f.gc(Duration.ZERO);
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
            System.out.printf("gc-bench: pass %s; %.0f blobs/s, %.1f MiB/s freed%n", r.summary(), r.blobs() / s, r.bytes() / s / (1 << 20));
            System.out.printf("gc-bench: manifest GET p50/p99 without GC %.2f/%.2f ms, during %.2f/%.2f ms (%d samples during)%n",
                    quiet[0] / 1e6, quiet[1] / 1e6, during[0] / 1e6, during[1] / 1e6, during[4]);
            System.out.printf("gc-bench: push p50/p99 without GC %.2f/%.2f ms, during %.2f/%.2f ms%n",
                    quiet[2] / 1e6, quiet[3] / 1e6, during[2] / 1e6, during[3] / 1e6);
            assertThat(r.blobs()).isGreaterThanOrEqualTo(IMAGES); // each deleted image's config and own layer
        }
    }

    /**
     * Manifest GET and push latencies: p50, p99 of each, and the number of GET samples. With
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
        return new long[]{pct(gets, 50), pct(gets, 99), pct(pushes, 50), pct(pushes, 99), gets.size()};
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
