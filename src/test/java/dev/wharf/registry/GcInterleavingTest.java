package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes, pulls, deletes and garbage-collection passes on several threads at once, checked
 * against a model of what was acknowledged. The collector runs with no grace at all, the harshest
 * setting: a push's layers may be collected before its manifest arrives, and then the manifest
 * must be refused with MANIFEST_BLOB_UNKNOWN; whatever was acknowledged must pull, whole, at every
 * moment, and once everything stops one more pass must leave exactly the blobs the live images need.
 */
@Tag("slow") // a stress test of seconds: in bin/test, not in the inner loop (bin/test --fast)
class GcInterleavingTest {
    private static final int WORKERS = 4;
    private static final int OPS_PER_WORKER = 150;
    private static final int SHARED_LAYERS = 6;
    private static final int OPS_PER_PASS = 3;
    /**
     * Operations the workers may run ahead of the collector: each pass lets this many more run. Without it the
     * interleaving depended on the pushes' pace (faster pushes left fewer passes among them: five, in one run).
     */
    private static final int OPS_AHEAD_PER_PASS = 30;

    @TempDir
    Path dir;

    /** An acknowledged image: its repository and every blob it needs. */
    record Image(String repo, Digest manifest, List<Digest> blobs) {}

    @Test
    void acknowledgedImagesAlwaysPullAndTheFinalPassLeavesExactlyWhatTheyNeed() throws Exception {
        try (GcFixture f = new GcFixture(dir, Clock.systemUTC())) {
            for (int w = 0; w < WORKERS; w++) f.createRepository("mix/w" + w);
            Map<Digest, Image> live = new ConcurrentHashMap<>();
            AtomicInteger acknowledged = new AtomicInteger(), refused = new AtomicInteger(), deleted = new AtomicInteger(),
                    pulls = new AtomicInteger(), passes = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            Semaphore ops = new Semaphore(0);
            Semaphore credits = new Semaphore(OPS_AHEAD_PER_PASS);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
            try {
                Future<?> collector = pool.submit(() -> {
                    while (!stop.get()) {
                        // a pass every few operations: passes back to back would leave SQLite's one writer lock to pushes only by chance
                        if (!ops.tryAcquire(OPS_PER_PASS, 1, TimeUnit.SECONDS)) continue;
                        f.gc(Duration.ZERO);
                        passes.incrementAndGet();
                        credits.release(OPS_AHEAD_PER_PASS);
                    }
                    return null;
                });
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int worker = w;
                    workers.add(pool.submit(() -> {
                        work(f, worker, live, acknowledged, refused, deleted, pulls, ops, credits);
                        return null;
                    }));
                }
                for (Future<?> w : workers) w.get(10, TimeUnit.MINUTES);
                stop.set(true);
                collector.get(1, TimeUnit.MINUTES);
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }

            assertThat(acknowledged.get()).as("pushes that got through despite the collector").isGreaterThan(WORKERS * OPS_PER_WORKER / 10);
            assertThat(passes.get()).as("passes that ran among the pushes").isGreaterThan(10);
            f.gc(Duration.ZERO);
            Set<Digest> needed = new HashSet<>();
            for (Image i : live.values()) {
                assertPulls(f, i);
                needed.addAll(i.blobs());
            }
            assertThat(f.stored()).as("after %d pushes (%d refused), %d deletes, %d passes", acknowledged.get(), refused.get(),
                    deleted.get(), passes.get()).containsExactlyInAnyOrderElementsOf(needed);
        }
    }

    private static void work(GcFixture f, int worker, Map<Digest, Image> live, AtomicInteger acknowledged, AtomicInteger refused,
                             AtomicInteger deleted, AtomicInteger pulls, Semaphore ops, Semaphore credits) throws InterruptedException {
        Random rnd = new Random(worker * 7919L);
        String repo = "mix/w" + worker;
        List<Digest> mine = new ArrayList<>();
        for (int op = 0; op < OPS_PER_WORKER; op++) {
            if (!credits.tryAcquire(1, TimeUnit.MINUTES)) throw new AssertionError("the collector stopped letting operations run");
            ops.release();
            int kind = rnd.nextInt(10);
            if (kind < 5 || mine.isEmpty()) {
                byte[] cfg = bytes("{\"worker\":" + worker + ",\"op\":" + op + "}");
                List<byte[]> layers = List.of(bytes("shared layer " + rnd.nextInt(SHARED_LAYERS)), bytes("own " + worker + "/" + op));
                Digest m;
                try {
                    m = f.pushImage(repo, rnd.nextBoolean() ? "t" + op : null, cfg, layers);
                } catch (WharfException e) {
                    // the collector took a layer between its upload and the manifest: a clean refusal, nothing acknowledged
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
                    refused.incrementAndGet();
                    continue;
                }
                List<Digest> blobs = new ArrayList<>(List.of(Digest.sha256(cfg)));
                for (byte[] l : layers) blobs.add(Digest.sha256(l));
                Image img = new Image(repo, m, blobs);
                live.put(m, img);
                mine.add(m);
                acknowledged.incrementAndGet();
                assertPulls(f, img);
            } else if (kind < 8) {
                assertPulls(f, live.get(mine.get(rnd.nextInt(mine.size()))));
                pulls.incrementAndGet();
            } else {
                Digest m = mine.remove(rnd.nextInt(mine.size()));
                live.remove(m);
                f.deleteImage(repo, m);
                deleted.incrementAndGet();
            }
        }
    }

    private static void assertPulls(GcFixture f, Image i) {
        assertThat(f.images.get(f.caller, GcFixture.ACCOUNT, i.repo(), i.manifest().toString(), false).digest()).isEqualTo(i.manifest());
        for (Digest b : i.blobs()) assertThat(f.pullsAndVerifies(i.repo(), b)).as("blob %s of acknowledged %s", b, i.manifest()).isTrue();
    }
}
