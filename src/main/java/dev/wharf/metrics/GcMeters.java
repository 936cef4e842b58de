package dev.wharf.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The garbage collector's meters: when the last pass ended and how long it took, what it found and
 * freed, and passes that failed or were skipped. Every series exists from start-up (at zero, or NaN
 * for the last pass's gauges until one ran), so an alert on failures needs no pass to have happened.
 */
final class GcMeters {
    private final AtomicLong lastEndMillis = new AtomicLong(-1);
    private final AtomicLong lastNanos = new AtomicLong(-1);
    private final AtomicLong lastCandidates = new AtomicLong(-1);
    private final Counter ok;
    private final Counter failed;
    private final Counter skipped;
    private final Counter blobs;
    private final Counter bytes;
    private final Counter manifests;
    private final Counter deletionFailures;

    GcMeters(MeterRegistry registry) {
        Gauge.builder("wharf.gc.last.pass.timestamp", lastEndMillis, v -> v.get() < 0 ? Double.NaN : v.get() / 1e3).baseUnit("seconds")
                .description("When the last garbage-collection pass of this process ended (Unix time)").register(registry);
        Gauge.builder("wharf.gc.last.pass.duration", lastNanos, v -> v.get() < 0 ? Double.NaN : v.get() / 1e9).baseUnit("seconds")
                .description("How long the last garbage-collection pass of this process took").register(registry);
        Gauge.builder("wharf.gc.last.pass.candidates", lastCandidates, v -> v.get() < 0 ? Double.NaN : v.get())
                .description("Blobs the last pass found unreferenced past the grace period and queued for deletion").register(registry);
        ok = passes(registry, "ok");
        failed = passes(registry, "failed");
        skipped = passes(registry, "skipped");
        blobs = Counter.builder("wharf.gc.reclaimed.blobs").description("Blobs whose bytes garbage collection deleted")
                .register(registry);
        bytes = Counter.builder("wharf.gc.reclaimed").baseUnit("bytes").description("Bytes garbage collection freed")
                .register(registry);
        manifests = Counter.builder("wharf.gc.reclaimed.manifests")
                .description("Manifests garbage collection removed (released index children, referrers without subject)")
                .register(registry);
        deletionFailures = Counter.builder("wharf.gc.deletion.failures")
                .description("Blob deletions the blob store refused; each is retried by the next pass").register(registry);
    }

    private static Counter passes(MeterRegistry registry, String result) {
        return Counter.builder("wharf.gc.passes")
                .description("Garbage-collection passes: ok, failed (an error stopped it), skipped (another collector held the lease)")
                .tag("result", result).register(registry);
    }

    void pass(long finishedAtMillis, Duration took, long candidates, long blobs, long bytes, long manifests, long deletionFailures) {
        ok.increment();
        this.blobs.increment(blobs);
        this.bytes.increment(bytes);
        this.manifests.increment(manifests);
        this.deletionFailures.increment(deletionFailures);
        lastCandidates.set(candidates);
        lastNanos.set(took.toNanos());
        lastEndMillis.set(finishedAtMillis);
    }

    void failed() {
        failed.increment();
    }

    void skipped() {
        skipped.increment();
    }
}
