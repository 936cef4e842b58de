package dev.wharf.registry;

import dev.wharf.storage.blob.BatchDelete;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.storage.meta.ReferenceGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Online garbage collection (docs/design.md, "Garbage collection"). A pass, run exclusively
 * (one collector in a cluster at a time), goes in four steps, each in bounded batches and each a
 * conditional delete decided by the database on what is committed:
 * <ol>
 *   <li>manifests ECR's rules remove: the children a deleted index released and referrers whose
 *       subject is gone, once older than the grace period;</li>
 *   <li>repository links that no manifest needs, once older than the grace period (a push sends
 *       its layers before its manifest);</li>
 *   <li>blob rows that nothing links and no completing upload pins: each is deleted and queued for
 *       deletion in one transaction;</li>
 *   <li>the queue: entries are claimed, their bytes deleted while the claim holds (batched when
 *       the blob store can), and the entries removed. A crash anywhere leaves entries that the
 *       next pass claims again once the claim lapses.</li>
 * </ol>
 * Pushes, pulls and deletes go on meanwhile; SQLite writers wait for at most one batch.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    /**
     * How long a collector's claim on queued deletions holds: no blob row of a claimed digest can be
     * created meanwhile, so an upload completing that digest waits up to this long. Bytes are deleted
     * only while at least a quarter of it remains.
     */
    public static final Duration CLAIM = Duration.ofMinutes(2);
    static final int BATCH = 100;
    /**
     * The longest rest between two of a pass's write transactions. A pass rests after each as long
     * as it took (docs/performance.md, "Garbage collection"): SQLite has one writer, and a writer
     * waiting for it does not queue but polls, sleeping 1 to 100 ms between tries, so a pass whose
     * transactions follow each other back to back keeps the lock for all of its steps and a push
     * waits for the whole pass. Resting keeps the pass to about half of the writer's time.
     */
    static final Duration MAX_REST = Duration.ofMillis(100);
    /** Bounds the manifest step: an index nested this deep releases its children one level a batch. */
    private static final int MAX_MANIFEST_ROUNDS = 64;

    private final GcStore meta;
    private final BlobStore store;
    private final Clock clock;
    private final Exclusive exclusive;
    private final int batch;
    private final Duration maxRest;

    public GarbageCollector(GcStore meta, BlobStore store, Clock clock, Exclusive exclusive) {
        this(meta, store, clock, exclusive, BATCH, MAX_REST);
    }

    /** {@code maxRest} zero: no rest between transactions (the benchmark compares both). */
    GarbageCollector(GcStore meta, BlobStore store, Clock clock, Exclusive exclusive, int batch, Duration maxRest) {
        this.meta = meta;
        this.store = store;
        this.clock = clock;
        this.exclusive = exclusive;
        this.batch = batch;
        this.maxRest = maxRest;
    }

    /**
     * What one pass found and freed. {@code ran} is false when another collector was running (nothing
     * was done). In a dry run, {@code blobs} and {@code bytes} are what a pass would free now, and
     * {@code pending} the blobs already queued (their bytes are freed by the next pass). {@code candidates}
     * are the blob rows the pass found unreferenced past the grace and queued (in a dry run, {@code blobs}).
     */
    public record Report(boolean ran, boolean dryRun, int manifests, int links, int blobs, long bytes, int pending,
                         int failed, Duration took, int candidates) {

        /** The one line a pass logs and {@code wharf gc} prints. */
        public String summary() {
            if (!ran) return "garbage collection skipped: another collector is running";
            return (dryRun ? "garbage collection (dry run) would free " : "garbage collection freed ") + blobs + " blobs ("
                    + bytes + " bytes), " + manifests + " manifests, " + links + " repository links"
                    + (pending > 0 ? "; " + pending + " blobs queued" : "") + (failed > 0 ? "; " + failed + " deletions failed, retried next pass" : "")
                    + " in " + took.toMillis() + " ms";
        }
    }

    /** Runs one pass now with {@code grace}: only what became garbage before {@code now - grace} is collected. */
    public Report run(Duration grace, boolean dryRun) {
        if (grace.isNegative()) throw new IllegalArgumentException("the grace period must not be negative");
        long t0 = System.nanoTime();
        Optional<Report> r = exclusive.run(() -> dryRun ? preview(grace, t0) : collect(grace, t0));
        return r.orElseGet(() -> new Report(false, dryRun, 0, 0, 0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - t0), 0));
    }

    private Report preview(Duration grace, long t0) {
        long now = clock.millis();
        GcStore.GcPreview p = meta.previewGarbage(now - grace.toMillis(), now);
        return new Report(true, true, p.manifests(), p.links(), p.blobs(), p.bytes(), p.queued(), 0, Duration.ofNanos(System.nanoTime() - t0),
                p.blobs());
    }

    private Report collect(Duration grace, long t0) {
        int manifests = 0;
        for (int round = 0; round < MAX_MANIFEST_ROUNDS; round++) {
            int n = paced(() -> meta.deleteOrphanManifests(cutoff(grace), batch));
            manifests += n;
            if (n == 0) break;
        }
        int links = 0;
        for (int n = batch; n == batch; ) {
            try {
                n = paced(() -> meta.deleteUnreferencedLinks(cutoff(grace), batch));
            } catch (ReferenceGoneException e) {
                n = batch; // a manifest took one of the batch's links meanwhile; the next batch sees it
                continue;
            }
            links += n;
        }
        int candidates = 0;
        for (List<GcStore.QueuedDeletion> q = List.of(); ; ) {
            try {
                long now = clock.millis();
                q = paced(() -> meta.queueUnlinkedBlobs(now - grace.toMillis(), now, batch));
            } catch (ReferenceGoneException e) {
                continue; // a mount linked one of the batch's blobs meanwhile
            }
            if (q.isEmpty()) break;
            candidates += q.size();
        }
        String claimant = UUID.randomUUID().toString();
        int blobs = 0;
        int failed = 0;
        long bytes = 0;
        while (true) {
            long now = clock.millis();
            long until = now + CLAIM.toMillis();
            List<GcStore.QueuedDeletion> claimed = paced(() -> meta.claimDeletions(claimant, now, until, batch));
            if (claimed.isEmpty()) break;
            List<String> done = deleteBytes(claimed, until - CLAIM.toMillis() / 4);
            paced(() -> meta.finishDeletions(claimant, done));
            failed += claimed.size() - done.size();
            for (GcStore.QueuedDeletion d : claimed) {
                if (done.contains(d.digest())) {
                    blobs++;
                    bytes += d.size();
                }
            }
            if (done.isEmpty()) break; // the store refuses: leave the rest to the next pass
        }
        return new Report(true, false, manifests, links, blobs, bytes, 0, failed, Duration.ofNanos(System.nanoTime() - t0), candidates);
    }

    /** Runs one of the pass's write transactions, then rests as long as it took (at most {@link #MAX_REST}). */
    private <T> T paced(Supplier<T> write) {
        if (!exclusive.holds()) {
            // the lease lapsed (this pass was paused longer than it) and another collector has it: stop, it goes on
            throw new IllegalStateException("another garbage collector took over this pass; it continues there");
        }
        long t0 = System.nanoTime();
        T result = write.get();
        long rest = Math.min(System.nanoTime() - t0, maxRest.toNanos());
        if (rest <= 0) return result;
        try {
            Thread.sleep(Duration.ofNanos(rest));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("garbage collection interrupted; the next pass resumes it", e);
        }
        return result;
    }

    private long cutoff(Duration grace) {
        return clock.millis() - grace.toMillis();
    }

    /** Deletes the claimed blobs' bytes while the claim holds past {@code deadline}; returns the digests whose bytes are gone. */
    private List<String> deleteBytes(List<GcStore.QueuedDeletion> claimed, long deadline) {
        List<String> done = new ArrayList<>();
        if (store instanceof BatchDelete bd) {
            int max = Math.max(1, bd.maxBatch());
            for (int i = 0; i < claimed.size(); i += max) {
                if (clock.millis() >= deadline) break;
                List<GcStore.QueuedDeletion> part = claimed.subList(i, Math.min(claimed.size(), i + max));
                try {
                    Map<Digest, String> refused = bd.deleteAll(part.stream().map(d -> Digest.parse(d.digest())).toList());
                    for (GcStore.QueuedDeletion d : part) {
                        String why = refused.get(Digest.parse(d.digest()));
                        if (why == null) {
                            done.add(d.digest());
                        } else {
                            LOG.warn("garbage collection could not delete blob {}; the next pass retries: {}", d.digest(), why);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("garbage collection could not delete {} blobs; the next pass retries: {}", part.size(), e.toString());
                }
            }
            return done;
        }
        for (GcStore.QueuedDeletion d : claimed) {
            if (clock.millis() >= deadline) break;
            try {
                store.delete(Digest.parse(d.digest()));
                done.add(d.digest());
            } catch (IOException | RuntimeException e) {
                LOG.warn("garbage collection could not delete blob {}; the next pass retries: {}", d.digest(), e.toString());
            }
        }
        return done;
    }
}
